package dev.cachalot.examples.shop.boot;

import dev.cachalot.examples.shop.Event;
import dev.cachalot.examples.shop.EventDao;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Analytics events over {@link JdbcClient}; Cachalot's write-behind flusher calls {@link
 * #insertAll} with the buffered events, off the request threads.
 */
@Repository
class JdbcEventDao implements EventDao {

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  JdbcEventDao(JdbcClient jdbc, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.transaction = transaction;
  }

  @Override
  public void record(Event event) {
    insertAll(List.of(event));
  }

  /**
   * Inserts the events in one transaction: a batch that fails leaves nothing behind, so the flusher
   * can simply retry it. An event that is there already is left as it is, so that a batch written
   * again after a crash (a durable write-behind log may) does no harm.
   */
  @Override
  public void insertAll(List<Event> events) {
    transaction.executeWithoutResult(
        status -> {
          for (Event event : events) {
            jdbc.sql(
                    "INSERT INTO analytics_event (id, user_name, kind, product_id, occurred_at)"
                        + " SELECT ?, ?, ?, ?, ?"
                        + " WHERE NOT EXISTS (SELECT 1 FROM analytics_event WHERE id = ?)")
                .params(
                    event.id(),
                    event.userName(),
                    event.kind().name(),
                    event.productId(),
                    event.at().atOffset(ZoneOffset.UTC),
                    event.id())
                .update();
          }
        });
  }

  @Override
  public long count() {
    return jdbc.sql("SELECT COUNT(*) FROM analytics_event").query(Long.class).single();
  }
}
