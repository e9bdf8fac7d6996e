package dev.cachalot.spring.boot.sample;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Events in table {@code event} over Spring's {@link JdbcClient}. */
public class JdbcEventDao implements EventDao {
  private final JdbcClient jdbc;

  public JdbcEventDao(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void record(Event event) {
    insertAll(List.of(event));
  }

  @Override
  public void insertAll(List<Event> events) {
    for (Event event : events) {
      jdbc.sql("INSERT INTO event (id, what) VALUES (?, ?)")
          .params(event.id(), event.what())
          .update();
    }
  }

  @Override
  public long count() {
    return jdbc.sql("SELECT COUNT(*) FROM event").query(Long.class).single();
  }
}
