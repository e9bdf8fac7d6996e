package dev.cachalot.rules.plan;

/**
 * One {@code @Invalidate} of a method, run after the delegate returned normally.
 *
 * @param cache the cache to invalidate
 * @param key the key to invalidate, or null when the whole cache is cleared
 */
public record InvalidationPlan(String cache, KeyPlan key) {

  /** Whether the whole cache is cleared. */
  public boolean all() {
    return key == null;
  }
}
