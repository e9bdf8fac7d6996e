package dev.cachalot.annotations;

import java.lang.annotation.Annotation;

/**
 * The three caching strategies, each selected by the annotation of the same name. A named cache has
 * one strategy, whichever methods and interfaces use it.
 */
public enum Strategy {
  /** Database first, then invalidate the key; reads fill the cache on a miss. */
  CACHE_ASIDE(CacheAside.class),
  /** Database first, then the cache, before the call returns. */
  WRITE_THROUGH(WriteThrough.class),
  /** Cache and buffer at once; the database later, batched and coalesced. */
  WRITE_BEHIND(WriteBehind.class);

  private final Class<? extends Annotation> annotationType;

  Strategy(Class<? extends Annotation> annotationType) {
    this.annotationType = annotationType;
  }

  /** The annotation that selects this strategy, such as {@link CacheAside}. */
  public Class<? extends Annotation> annotationType() {
    return annotationType;
  }
}
