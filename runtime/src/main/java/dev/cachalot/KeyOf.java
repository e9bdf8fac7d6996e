package dev.cachalot;

/**
 * Computes a cache key from the value a write returned, for keys declared over {@code result} (ids
 * the database generates).
 *
 * @param <V> the value type of the cache
 * @param <K> the key type of the cache
 */
@FunctionalInterface
public interface KeyOf<V, K> {
  /** Returns the key of {@code value}. */
  K keyOf(V value);
}
