package dev.cachalot.rules;

/** The three strategies, each selected by an annotation of the same name. */
public enum Strategy {
  CACHE_ASIDE("CacheAside"),
  WRITE_THROUGH("WriteThrough"),
  WRITE_BEHIND("WriteBehind");

  private final String annotation;

  Strategy(String annotation) {
    this.annotation = annotation;
  }

  /** The simple name of the annotation, such as {@code CacheAside}. */
  public String annotation() {
    return annotation;
  }

  /** The strategy whose annotation has the qualified name {@code name}, or null. */
  public static Strategy ofAnnotation(String name) {
    for (Strategy strategy : values()) {
      if (name.equals("dev.cachalot.annotations." + strategy.annotation)) {
        return strategy;
      }
    }
    return null;
  }
}
