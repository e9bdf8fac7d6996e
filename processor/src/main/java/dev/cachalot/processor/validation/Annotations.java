package dev.cachalot.processor.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Reads annotation mirrors, so that diagnostics can point at the annotation and the value. */
final class Annotations {

  static final String PACKAGE = "dev.cachalot.annotations.";
  static final String CACHE_DEFAULTS = PACKAGE + "CacheDefaults";
  static final String INVALIDATE = PACKAGE + "Invalidate";
  static final String INVALIDATE_LIST = PACKAGE + "Invalidate.List";
  static final String KEY = PACKAGE + "Key";
  static final String CACHE_VALUE = PACKAGE + "CacheValue";

  private final Elements elements;

  Annotations(Elements elements) {
    this.elements = elements;
  }

  /** The annotation of type {@code qualifiedName} on {@code element}, or null. */
  static AnnotationMirror find(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (name(mirror).equals(qualifiedName)) {
        return mirror;
      }
    }
    return null;
  }

  /** The qualified name of the annotation's type. */
  static String name(AnnotationMirror mirror) {
    return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
  }

  /** Every {@code @Invalidate} on {@code element}, whether written once or repeated. */
  static List<AnnotationMirror> invalidations(Element element) {
    List<AnnotationMirror> found = new ArrayList<>();
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      String name = name(mirror);
      if (name.equals(INVALIDATE)) {
        found.add(mirror);
      } else if (name.equals(INVALIDATE_LIST)) {
        for (AnnotationValue repeated : asList(explicit(mirror, "value"))) {
          found.add((AnnotationMirror) repeated.getValue());
        }
      }
    }
    return found;
  }

  /**
   * The value the annotation gives {@code attribute} explicitly, or null if it uses the default.
   */
  static AnnotationValue explicit(AnnotationMirror mirror, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(attribute)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** The value of {@code attribute}, explicit or default. */
  Object value(AnnotationMirror mirror, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(attribute)) {
        return entry.getValue().getValue();
      }
    }
    throw new IllegalArgumentException(name(mirror) + " has no attribute " + attribute);
  }

  /** The value of a string attribute, explicit or default. */
  String string(AnnotationMirror mirror, String attribute) {
    return (String) value(mirror, attribute);
  }

  @SuppressWarnings(
      "unchecked") // an array-valued annotation value is a List<? extends AnnotationValue>
  private static List<? extends AnnotationValue> asList(AnnotationValue value) {
    return value == null ? List.of() : (List<? extends AnnotationValue>) value.getValue();
  }
}
