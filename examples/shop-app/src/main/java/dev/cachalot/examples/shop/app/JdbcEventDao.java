package dev.cachalot.examples.shop.app;

import dev.cachalot.examples.shop.Event;
import dev.cachalot.examples.shop.EventDao;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/** Analytics events in plain JDBC; Cachalot's generated {@code CachedEventDao} wraps it. */
final class JdbcEventDao implements EventDao {

  private final DataSource dataSource;

  JdbcEventDao(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void record(Event event) {
    insertAll(List.of(event));
  }

  /**
   * Inserts the events in one JDBC batch and one transaction: a batch that fails leaves nothing
   * behind, so the write-behind flusher can simply retry it. An event that is there already is left
   * as it is: after a crash a durable write-behind log may write a batch again that reached the
   * database just before it, so the write must be idempotent (the same SQL on H2 and PostgreSQL).
   */
  @Override
  public void insertAll(List<Event> events) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO analytics_event (id, user_name, kind, product_id, occurred_at)"
                  + " SELECT ?, ?, ?, ?, ?"
                  + " WHERE NOT EXISTS (SELECT 1 FROM analytics_event WHERE id = ?)")) {
        for (Event event : events) {
          insert.setLong(1, event.id());
          insert.setString(2, event.userName());
          insert.setString(3, event.kind().name());
          insert.setLong(4, event.productId());
          insert.setObject(5, event.at().atOffset(ZoneOffset.UTC));
          insert.setLong(6, event.id());
          insert.addBatch();
        }
        insert.executeBatch();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot insert " + events.size() + " events", e);
    }
  }

  /** How many events with an id in {@code [from, from + count)} the database holds. */
  long countIds(long from, long count) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT COUNT(*) FROM analytics_event WHERE id >= ? AND id < ?")) {
      select.setLong(1, from);
      select.setLong(2, from + count);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count events", e);
    }
  }

  @Override
  public long count() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM analytics_event")) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count events", e);
    }
  }
}
