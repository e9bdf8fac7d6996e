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
   * Binds the write or delete method {@code methodId} ({@code
   * com.acme.EventDao#record(com.acme.Event)}) to this engine: the flusher writes its writes with
   * {@code call}, and a durable log keeps them under that id, to be replayed with the {@code call}
   * of the method of that id after a restart.
   */
  WriteBehindMethod<K, V> method(String methodId, WriteCall<? super K, V> call);

  /**
   * Declares a write method whose call cannot be rebuilt from its key and value ({@code reason}
   * says why); its writes use {@link #write} and {@link #delete} with their own call.
   *
   * @throws dev.cachalot.CachalotException when the cache has a durable write-behind log, which
   *     could not replay such a write
   */
  void requireInMemory(String methodId, String reason);

  /**
   * For a method declared with {@link #requireInMemory}: caches {@code value} under {@code key} and
   * queues {@code write} (the DAO write of this very call) for the flusher. A later write or delete
   * of the same key replaces a queued one that has not started yet. When the decorator has a batch
   * method, the flusher writes {@code value} with it instead of running {@code write}.
   *
   * @throws dev.cachalot.WriteBehindFullException when the buffer stayed full for the whole timeout
   */
  void write(K key, V value, DeferredWrite write);

  /**
   * For a method declared with {@link #requireInMemory}: removes {@code key} from the cache at once
   * and queues {@code delete} for the flusher, in order with the writes of that key.
   *
   * @throws dev.cachalot.WriteBehindFullException when the buffer stayed full for the whole timeout
   */
  void delete(K key, DeferredWrite delete);
}
