package dev.cachalot.spring.boot.sample;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Events in a map, which a test can make fail. */
public class MapEventDao implements EventDao {
  public final Map<Long, Event> rows = new ConcurrentHashMap<>();
  public volatile boolean failing;

  @Override
  public void record(Event event) {
    insertAll(List.of(event));
  }

  @Override
  public void insertAll(List<Event> events) {
    if (failing) {
      throw new IllegalStateException("the database is down");
    }
    events.forEach(event -> rows.put(event.id(), event));
  }

  @Override
  public long count() {
    return rows.size();
  }
}
