package dev.cachalot.spring.boot.sample;

import dev.cachalot.annotations.WriteBehind;

/** A write-behind buffer of one key, for the full-buffer timeout. */
public interface BoundedEventDao {
  @WriteBehind(
      cache = "bounded",
      key = "event.id",
      flushMillis = 3_600_000,
      maxBatch = 1,
      capacity = 1)
  void record(Event event);
}
