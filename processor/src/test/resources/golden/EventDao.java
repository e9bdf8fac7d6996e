package com.acme.analytics;

import dev.cachalot.annotations.WriteBehind;
import java.util.Collection;

public interface EventDao {

  class Event {
    public long id;
    public String kind;
  }

  @WriteBehind(
      cache = "events",
      key = "event.id",
      flushMillis = 250,
      maxBatch = 1000,
      capacity = 50_000,
      batchMethod = "insertAll")
  void record(Event event);

  @WriteBehind(cache = "events")
  Event find(long id);

  @WriteBehind(cache = "events")
  void remove(long events);

  void insertAll(Collection<Event> events);
}
