package dev.cachalot.processor.javac;

import dev.cachalot.rules.element.Site;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where javac attaches a diagnostic: an element, and where known the annotation and its value.
 *
 * @param element the element
 * @param annotation the annotation on it, or null
 * @param value the annotation value, or null
 */
public record JavacSite(Element element, AnnotationMirror annotation, AnnotationValue value)
    implements Site {

  static JavacSite of(Element element) {
    return new JavacSite(element, null, null);
  }

  @Override
  public String describe() {
    return element.toString();
  }
}
