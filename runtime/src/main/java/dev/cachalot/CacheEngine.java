package dev.cachalot;

/**
 * The operations every strategy engine offers a generated decorator: the read path and
 * invalidation. Obtained from {@link Cachalot#cacheAside}, {@link Cachalot#writeThrough} or {@link
 * Cachalot#writeBehind}; one engine serves one named cache and is shared by every decorator that
 * names it.
 *
 * <p>Thread-safe. {@link #getIfPresent} never blocks on I/O for the in-process store; {@link #load}
 * blocks while another caller loads the same key.
 *
 * @param <K> the key type ({@link CompositeKey} for keys of several parts)
 * @param <V> the value type
 */
public interface CacheEngine<K, V> {

  /** The name of the cache. */
  String name();

  /**
   * Returns the cached value of {@code key}, or {@code null} when the cache holds none (a miss, or
   * a remembered absence: {@link #load} tells the two apart). Records a hit when it returns a
   * value.
   */
  V getIfPresent(K key);

  /**
   * Returns the value of {@code key} after a miss of {@link #getIfPresent}: the cached value or
   * remembered absence if another caller filled it meanwhile, otherwise the result of {@code
   * loader}, which is then cached. Concurrent callers for one key share one load. Returns {@code
   * null} when the row does not exist.
   *
   * @throws X what the loader threw, unchanged, in the caller that ran it
   * @throws CacheLoadException in a caller that waited for another caller's load that failed
   */
  <X extends Throwable> V load(K key, DatabaseCall<? extends V, X> loader) throws X;

  /** Removes {@code key} from the cache; the next read loads it again. */
  void invalidate(K key);

  /** Removes every key of this cache. */
  void invalidateAll();
}
