package dev.cachalot.examples.shop;

import dev.cachalot.annotations.WriteBehind;
import java.util.List;

/**
 * Analytics events must be fast to record and are written in batches; losing a few page views in a
 * crash is acceptable: write-behind. {@code Cachalot.close()} flushes what is still buffered.
 *
 * <p>Events are never read back through the cache, so they are cached only briefly ({@code ttl}):
 * the write-behind cache keeps every value it is given until its TTL.
 */
public interface EventDao {

  /**
   * Records the event: cached and buffered at once; the flusher inserts the buffered events with
   * {@link #insertAll} every second, or as soon as 1,000 are waiting.
   */
  @WriteBehind(
      cache = "events",
      key = "event.id",
      ttl = "10s",
      flushMillis = 1000,
      maxBatch = 1000,
      batchMethod = "insertAll")
  void record(Event event);

  /** Inserts events in one batch. */
  void insertAll(List<Event> events);

  /** How many events the database holds; not cached. */
  long count();
}
