package dev.cachalot.rules.read;

import dev.cachalot.annotations.CacheDefaults;
import dev.cachalot.annotations.CacheValue;
import dev.cachalot.annotations.Invalidate;
import dev.cachalot.annotations.Key;
import dev.cachalot.annotations.Strategy;
import dev.cachalot.rules.element.AnnotationRef;
import dev.cachalot.rules.element.DaoParameter;
import java.util.ArrayList;
import java.util.List;

/** The annotations the reader looks for, and how it finds them on the port's elements. */
final class Annotations {

  /** The package of Cachalot's annotations, with the trailing dot. */
  static final String PACKAGE = "dev.cachalot.annotations.";

  static final String CACHE_DEFAULTS = CacheDefaults.class.getCanonicalName();
  static final String INVALIDATE = Invalidate.class.getCanonicalName();
  static final String INVALIDATE_LIST = Invalidate.List.class.getCanonicalName();
  static final String KEY = Key.class.getCanonicalName();
  static final String CACHE_VALUE = CacheValue.class.getCanonicalName();

  private Annotations() {}

  /** The annotation of type {@code qualifiedName} among {@code annotations}, or null. */
  static AnnotationRef find(List<AnnotationRef> annotations, String qualifiedName) {
    for (AnnotationRef annotation : annotations) {
      if (annotation.qualifiedName().equals(qualifiedName)) {
        return annotation;
      }
    }
    return null;
  }

  /** The strategy annotations among {@code annotations}, in order. */
  static List<AnnotationRef> strategies(List<AnnotationRef> annotations) {
    List<AnnotationRef> found = new ArrayList<>();
    for (AnnotationRef annotation : annotations) {
      if (strategyOf(annotation) != null) {
        found.add(annotation);
      }
    }
    return found;
  }

  /** The strategy {@code annotation} selects, or null. */
  static Strategy strategyOf(AnnotationRef annotation) {
    for (Strategy strategy : Strategy.values()) {
      if (strategy.annotationType().getCanonicalName().equals(annotation.qualifiedName())) {
        return strategy;
      }
    }
    return null;
  }

  /** Every {@code @Invalidate} among {@code annotations}, whether written once or repeated. */
  static List<AnnotationRef> invalidations(List<AnnotationRef> annotations) {
    List<AnnotationRef> found = new ArrayList<>();
    for (AnnotationRef annotation : annotations) {
      if (annotation.qualifiedName().equals(INVALIDATE)) {
        found.add(annotation);
      } else if (annotation.qualifiedName().equals(INVALIDATE_LIST)) {
        for (Object repeated : (List<?>) annotation.value("value")) {
          found.add((AnnotationRef) repeated);
        }
      }
    }
    return found;
  }

  static boolean has(DaoParameter parameter, String qualifiedName) {
    return find(parameter.annotations(), qualifiedName) != null;
  }

  static String string(AnnotationRef annotation, String attribute) {
    return (String) annotation.value(attribute);
  }
}
