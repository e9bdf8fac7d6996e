package dev.cachalot.internal;

/**
 * Invalidates a cache by name, for a decorator whose {@code @Invalidate} names a cache that another
 * compilation declares. Resolves the cache on each call, so it may exist before the cache does;
 * invalidating a cache that does not exist yet does nothing (it holds nothing). Thread-safe.
 */
public interface InvalidationTarget {

  /** Removes {@code key} from the cache, if the cache exists. */
  void invalidate(Object key);

  /** Removes every key of the cache, if the cache exists. */
  void invalidateAll();
}
