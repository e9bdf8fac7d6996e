package dev.cachalot.internal;

import java.util.List;

/**
 * The {@code batchMethod} of a write-behind cache: writes many values with one DAO call. The
 * flusher hands it at most {@code maxBatch} values at a time, one per key, in no particular order
 * across keys.
 *
 * @param <V> the value type of the cache
 */
@FunctionalInterface
public interface BatchWrite<V> {

  /** Writes every value of {@code values} to the database. */
  void writeAll(List<V> values) throws Exception;
}
