package dev.cachalot.spring.boot.sample;

import dev.cachalot.annotations.WriteBehind;
import java.util.List;

/**
 * Write-behind events, flushed only by an explicit flush or by closing Cachalot (the flush interval
 * is an hour), in batches.
 */
public interface EventDao {
  @WriteBehind(
      cache = "events",
      key = "event.id",
      ttl = "1m",
      flushMillis = 3_600_000,
      batchMethod = "insertAll")
  void record(Event event);

  void insertAll(List<Event> events);

  /** How many events the database holds; not cached. */
  long count();
}
