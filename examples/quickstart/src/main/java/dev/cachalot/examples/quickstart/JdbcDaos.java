package dev.cachalot.examples.quickstart;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Plain JDBC implementations of the example DAOs. Nothing here knows about caching: Cachalot's
 * generated decorators wrap these classes.
 */
final class JdbcDaos {

  private JdbcDaos() {}

  /** Creates the example's tables. */
  static void createSchema(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE product (id BIGINT PRIMARY KEY, name VARCHAR(100), price_cents BIGINT)");
      statement.execute(
          "CREATE TABLE session (token VARCHAR(64) PRIMARY KEY, user_name VARCHAR(100))");
      statement.execute("CREATE TABLE page_view (id BIGINT PRIMARY KEY, page VARCHAR(200))");
    }
  }

  /** The catalog, with a counter of the queries that reached the database. */
  static final class Catalog implements CatalogDao {
    private final DataSource dataSource;
    final AtomicLong queries = new AtomicLong();

    Catalog(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    @Override
    public Optional<Product> find(long id) {
      queries.incrementAndGet();
      try (Connection connection = dataSource.getConnection();
          PreparedStatement select =
              connection.prepareStatement("SELECT name, price_cents FROM product WHERE id = ?")) {
        select.setLong(1, id);
        try (ResultSet row = select.executeQuery()) {
          return row.next()
              ? Optional.of(new Product(id, row.getString(1), row.getLong(2)))
              : Optional.empty();
        }
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read product " + id, e);
      }
    }

    @Override
    public void save(Product product) {
      update(
          dataSource,
          "MERGE INTO product (id, name, price_cents) KEY (id) VALUES (?, ?, ?)",
          product.id(),
          product.name(),
          product.priceCents());
    }
  }

  /** Sessions. */
  static final class Sessions implements SessionDao {
    private final DataSource dataSource;

    Sessions(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    @Override
    public Optional<Session> find(String token) {
      try (Connection connection = dataSource.getConnection();
          PreparedStatement select =
              connection.prepareStatement("SELECT user_name FROM session WHERE token = ?")) {
        select.setString(1, token);
        try (ResultSet row = select.executeQuery()) {
          return row.next() ? Optional.of(new Session(token, row.getString(1))) : Optional.empty();
        }
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read session " + token, e);
      }
    }

    @Override
    public Session login(String userName) {
      Session session = new Session(UUID.randomUUID().toString(), userName);
      update(
          dataSource,
          "INSERT INTO session (token, user_name) VALUES (?, ?)",
          session.token(),
          userName);
      return session;
    }

    @Override
    public void logout(String token) {
      update(dataSource, "DELETE FROM session WHERE token = ?", token);
    }
  }

  /** Page views, inserted in JDBC batches. */
  static final class PageViews implements PageViewDao {
    private final DataSource dataSource;

    PageViews(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    @Override
    public void record(PageView view) {
      insertAll(List.of(view));
    }

    @Override
    public void insertAll(List<PageView> views) {
      try (Connection connection = dataSource.getConnection();
          PreparedStatement insert =
              connection.prepareStatement(
                  "MERGE INTO page_view (id, page) KEY (id) VALUES (?, ?)")) {
        for (PageView view : views) {
          insert.setLong(1, view.id());
          insert.setString(2, view.page());
          insert.addBatch();
        }
        insert.executeBatch();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot insert " + views.size() + " page views", e);
      }
    }

    @Override
    public long count() {
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement();
          ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM page_view")) {
        row.next();
        return row.getLong(1);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot count page views", e);
      }
    }
  }

  private static void update(DataSource dataSource, String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        update.setObject(i + 1, parameters[i]);
      }
      update.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + sql, e);
    }
  }
}
