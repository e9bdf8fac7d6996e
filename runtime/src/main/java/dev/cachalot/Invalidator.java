package dev.cachalot;

/**
 * Invalidates a cache by name, for decorators whose {@code @Invalidate} names a cache that another
 * compilation declares. Resolves the cache on each call, so it may be created before the cache is;
 * invalidating a cache that does not exist yet does nothing (it holds nothing).
 *
 * <p>Thread-safe.
 */
public interface Invalidator {

  /** Removes {@code key} from the cache, if the cache exists. */
  void invalidate(Object key);

  /** Removes every key of the cache, if the cache exists. */
  void invalidateAll();
}
