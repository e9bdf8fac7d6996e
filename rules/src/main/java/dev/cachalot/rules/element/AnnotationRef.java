package dev.cachalot.rules.element;

/**
 * One annotation as written on an element, telling the values given explicitly from the defaults (a
 * setting left out is "not given", whatever its default).
 */
public interface AnnotationRef {

  /** {@code dev.cachalot.annotations.CacheAside}. */
  String qualifiedName();

  /** {@code CacheAside}. */
  String simpleName();

  /**
   * The value of {@code attribute}, given or default: a {@code String}, {@code Boolean}, {@code
   * Integer} or {@code Long}, or a {@code List<AnnotationRef>} for an array of annotations.
   */
  Object value(String attribute);

  /** Whether {@code attribute} is written on the annotation, even if equal to its default. */
  boolean isExplicit(String attribute);

  /** The annotation, for diagnostics. */
  Site site();

  /** The value of {@code attribute} where it is written, else the annotation, for diagnostics. */
  Site site(String attribute);
}
