package dev.cachalot.internal;

/**
 * The read path and invalidation of one named cache, as a decorator calls them. A read is:
 *
 * <pre>{@code
 * Product value = products.getIfPresent(id);
 * if (value == null) {
 *   Loading<Product> loading = products.startLoad(id);
 *   try {
 *     value = loading.isLeader() ? loading.fill(delegate.findById(id)) : loading.join();
 *   } catch (Throwable e) {
 *     loading.failed(e);
 *     throw e;
 *   }
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #getIfPresent} does not block on I/O for the in-process store.
 *
 * @param <K> the key type ({@link CompositeKey} for keys of several parts)
 * @param <V> the value type
 */
public interface CacheEngine<K, V> {

  /** The name of the cache. */
  String name();

  /**
   * The cached value of {@code key}, or {@code null} when the cache holds none (a miss, or a
   * remembered absence: {@link #startLoad} tells the two apart). Records a hit when it returns a
   * value.
   */
  V getIfPresent(K key);

  /**
   * Starts the load of {@code key} after a miss of {@link #getIfPresent}. Concurrent callers for
   * one key share one load: the first is the leader, who calls the database and {@link
   * Loading#fill}s; the others {@link Loading#join} it. A caller that finds the value (or the
   * remembered absence) filled meanwhile is no leader either, and {@code join} returns it at once.
   *
   * @throws dev.cachalot.CachalotException when the key's loader loads the same key again on its
   *     own thread, or the {@code Cachalot} is closed
   */
  Loading<V> startLoad(K key);

  /** Removes {@code key} from the cache; a load of it in flight will not fill. */
  void invalidate(K key);

  /** Removes every key of the cache; loads in flight will not fill. */
  void invalidateAll();
}
