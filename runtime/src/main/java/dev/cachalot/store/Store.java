package dev.cachalot.store;

import dev.cachalot.CacheSpec;

/**
 * Where caches keep their entries: the in-process {@link CaffeineStore} by default, Redis or a
 * tiered store in the distributed tier, or your own. A store opens one {@link StoreCache} per named
 * cache.
 *
 * <p>Implementations must be thread-safe.
 */
public interface Store extends AutoCloseable {

  /** Opens the entries of the cache {@code spec} describes; called once per cache name. */
  <K, V> StoreCache<K, V> open(CacheSpec spec);

  /** Releases the store's resources; called by {@code Cachalot.close()} after the last flush. */
  @Override
  default void close() {}
}
