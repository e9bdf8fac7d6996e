package dev.cachalot.processor.model;

/** The three strategies, with the annotation that selects each and the engine that runs it. */
public enum Strategy {
  CACHE_ASIDE("CacheAside", "CacheAsideEngine", "cacheAside"),
  WRITE_THROUGH("WriteThrough", "WriteThroughEngine", "writeThrough"),
  WRITE_BEHIND("WriteBehind", "WriteBehindEngine", "writeBehind");

  private final String annotation;
  private final String engine;
  private final String factory;

  Strategy(String annotation, String engine, String factory) {
    this.annotation = annotation;
    this.engine = engine;
    this.factory = factory;
  }

  /** The simple name of the annotation, such as {@code CacheAside}. */
  public String annotation() {
    return annotation;
  }

  /** The simple name of the runtime engine interface. */
  public String engine() {
    return engine;
  }

  /** The {@code Cachalot} method that returns the engine. */
  public String factory() {
    return factory;
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
