package dev.cachalot.internal;

/**
 * What a decorator's constructor receives besides the delegate: the caches of one {@code Cachalot},
 * for the interface being decorated. Each method declares one cache and returns the engine of it,
 * creating it on first use; every decorator that names a cache shares its engine. Declarations of
 * one cache merge: a setting one decorator does not give takes the value another gives, and two
 * different values conflict.
 *
 * <p>Thread-safe; the methods block only while a store opens a new cache.
 *
 * @see CacheDeclaration
 */
public interface DecoratorContext {

  /**
   * The cache-aside engine of the cache {@code declaration} declares.
   *
   * @throws dev.cachalot.CachalotException when the declaration conflicts with one made before (its
   *     strategy, key or value type, or a setting), naming the cache and both values
   */
  <K, V> CacheAsideEngine<K, V> cacheAside(CacheDeclaration<K, V> declaration);

  /**
   * The write-through engine of the cache {@code declaration} declares; see {@link #cacheAside}.
   */
  <K, V> WriteThroughEngine<K, V> writeThrough(CacheDeclaration<K, V> declaration);

  /**
   * The write-behind engine of the cache {@code declaration} declares, for a decorator without a
   * batch method: the flusher runs each queued write's own database call.
   */
  <K, V> WriteBehindEngine<K, V> writeBehind(CacheDeclaration<K, V> declaration);

  /**
   * The write-behind engine of the cache {@code declaration} declares, for a decorator with a batch
   * method: the flusher writes the values this decorator queued with {@code batch}, at most {@code
   * maxBatch} at a time.
   */
  <K, V> WriteBehindEngine<K, V> writeBehind(
      CacheDeclaration<K, V> declaration, BatchWrite<V> batch);

  /**
   * The invalidation of the cache called {@code cache}, for an {@code @Invalidate} that names a
   * cache another compilation declares: resolved on each call, and a no-op while no decorator has
   * declared the cache (it holds nothing).
   */
  InvalidationTarget invalidationTarget(String cache);
}
