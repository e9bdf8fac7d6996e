package dev.cachalot.processor.model;

/**
 * One {@code @Invalidate} of a method.
 *
 * @param cache the cache to invalidate
 * @param key the key to invalidate, or null when the whole cache is cleared
 */
public record InvalidationModel(String cache, KeyModel key) {

  /** Whether the whole cache is cleared. */
  public boolean all() {
    return key == null;
  }
}
