package dev.cachalot.internal;

/**
 * The write-through engine as a decorator sees it: a write runs the database call and, only when it
 * succeeded, caches the value before returning. Writes of one key hold its lock from the start to
 * the end, so concurrent writes leave the cache equal to the database.
 *
 * <p>Thread-safe; {@link #startWrite} and {@link #startDelete} block while another write of the
 * same key is in flight.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface WriteThroughEngine<K, V> extends CacheEngine<K, V> {

  /** Starts a write of {@code key}, taking its lock. */
  ValueWriting<V> startWrite(K key);

  /**
   * Starts a write whose key is computed from what the database returns; its lock is taken only to
   * cache the result (a generated id is a key no other writer knows yet).
   */
  ResultWriting<K, V> startWriteOfResult();

  /** Starts a delete of {@code key}, taking its lock; on success the key is removed. */
  Writing startDelete(K key);
}
