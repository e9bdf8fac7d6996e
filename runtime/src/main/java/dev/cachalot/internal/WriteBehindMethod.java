package dev.cachalot.internal;

/**
 * One write or delete method of a decorator, bound to the write-behind engine of its cache: its
 * writes are queued for the flusher, and, where the cache has a durable log, kept there under the
 * method's id until the database has them. Obtained once per method from {@link
 * WriteBehindEngine#method}.
 *
 * <p>Thread-safe. {@link #write} and {@link #delete} block while the buffer is full (up to the
 * configured timeout) and, with a durable log, until the write is durable in it.
 *
 * @param <K> the key type of the cache
 * @param <V> the value type of the cache
 */
public interface WriteBehindMethod<K, V> {

  /**
   * Caches {@code value} under {@code key} and queues the method's call with them; a later write or
   * delete of the key replaces it while it has not started.
   *
   * @throws dev.cachalot.WriteBehindFullException when the buffer stayed full for the whole timeout
   * @throws dev.cachalot.store.WriteBehindLogException when the write could not be made durable
   */
  void write(K key, V value);

  /**
   * Removes {@code key} from the cache at once and queues the method's call with it, in order with
   * the writes of that key.
   *
   * @throws dev.cachalot.WriteBehindFullException when the buffer stayed full for the whole timeout
   * @throws dev.cachalot.store.WriteBehindLogException when the delete could not be made durable
   */
  void delete(K key);
}
