package dev.cachalot.rules;

import java.time.Duration;
import java.util.List;

/**
 * A named cache as every use of it agrees to declare it.
 *
 * @param <T> how the builder represents types
 * @param name the cache name
 * @param strategy its strategy
 * @param keyParts the (boxed) types of its key parts
 * @param valueType its (boxed) value type
 * @param ttl the entry lifetime, or null for no expiry
 * @param negativeTtl how long an absence is remembered, or null for not at all
 * @param flushMillis the write-behind flush interval
 * @param maxBatch the write-behind batch size
 * @param capacity the write-behind buffer capacity
 * @param batchMethod the name of the write-behind batch method, or empty
 */
public record CacheModel<T>(
    String name,
    Strategy strategy,
    List<T> keyParts,
    T valueType,
    Duration ttl,
    Duration negativeTtl,
    long flushMillis,
    int maxBatch,
    int capacity,
    String batchMethod) {

  public CacheModel {
    keyParts = List.copyOf(keyParts);
  }
}
