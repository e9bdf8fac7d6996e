package dev.cachalot.processor.model;

import java.time.Duration;
import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * A named cache as this compilation declares it; the same for every interface that uses it.
 *
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
public record CacheModel(
    String name,
    Strategy strategy,
    List<TypeMirror> keyParts,
    TypeMirror valueType,
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
