package dev.cachalot.processor.validation;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where a diagnostic points: an element, and where known the annotation and its value.
 *
 * @param element the element
 * @param annotation the annotation on it, or null
 * @param value the annotation value, or null
 */
public record Site(Element element, AnnotationMirror annotation, AnnotationValue value) {

  /** The element itself. */
  public static Site of(Element element) {
    return new Site(element, null, null);
  }
}
