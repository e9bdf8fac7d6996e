package dev.cachalot.internal;

/**
 * A write-behind write or delete method of the user's DAO, called with the key and the value alone:
 * what the flusher runs for a queued write, and what a durable write-behind log replays after a
 * crash (the generated decorator builds it from the method's parameters, each of which is the value
 * or a whole part of the key).
 *
 * @param <K> the key type of the cache
 * @param <V> the value type of the cache
 */
@FunctionalInterface
public interface WriteCall<K, V> {

  /**
   * Calls the DAO method; {@code value} is null for a delete. What it throws is a failed attempt,
   * retried with backoff.
   */
  void run(K key, V value) throws Exception;
}
