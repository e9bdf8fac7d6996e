package dev.cachalot.internal;

/**
 * The write-behind engine as a decorator sees it: a write caches the value, queues the database
 * call and returns; the flusher runs the call later, batched and coalesced per key.
 *
 * <p>Thread-safe. {@link #write} and {@link #delete} do not wait for the database; they block only
 * while the buffer is full (up to the configured timeout).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface WriteBehindEngine<K, V> extends CacheEngine<K, V> {

  /**
   * Caches {@code value} under {@code key} and queues {@code write} (the DAO write of this very
   * call) for the flusher. A later write or delete of the same key replaces a queued one that has
   * not started yet. When the decorator has a batch method, the flusher writes {@code value} with
   * it instead of running {@code write}.
   *
   * @throws dev.cachalot.WriteBehindFullException when the buffer stayed full for the whole timeout
   */
  void write(K key, V value, DeferredWrite write);

  /**
   * Removes {@code key} from the cache at once and queues {@code delete} for the flusher, in order
   * with the writes of that key.
   *
   * @throws dev.cachalot.WriteBehindFullException when the buffer stayed full for the whole timeout
   */
  void delete(K key, DeferredWrite delete);
}
