package dev.cachalot.examples.shop.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The shop's database: a HikariCP pool on H2 in memory (the default) or on the JDBC URL given, with
 * the tables of {@code schema.sql} created in their own schema at start.
 */
final class ShopDatabase implements AutoCloseable {

  private final HikariDataSource pool;
  private final String description;
  private final String schema;

  private ShopDatabase(HikariDataSource pool, String description, String schema) {
    this.pool = pool;
    this.description = description;
    this.schema = schema;
  }

  /**
   * Opens the pool and (re)creates the example's tables (unless the node joins node 1's).
   *
   * @throws SQLException when the database cannot be reached or the schema cannot be created
   */
  static ShopDatabase open(ShopConfig config) throws SQLException {
    String url =
        config.jdbcUrl() != null
            ? config.jdbcUrl()
            // No DB_CLOSE_DELAY: the database lives while the pool has connections, then vanishes.
            : "jdbc:h2:mem:shop-" + Long.toHexString(System.nanoTime());
    Properties credentials = new Properties();
    if (config.jdbcUser() != null) {
      credentials.setProperty("user", config.jdbcUser());
    }
    if (config.jdbcPassword() != null) {
      credentials.setProperty("password", config.jdbcPassword());
    }
    // The pool's connections use the schema, so it must exist before the pool opens them; this
    // first connection also keeps an in-memory H2 database alive until the pool holds it.
    try (Connection first = DriverManager.getConnection(url, credentials)) {
      try (Statement statement = first.createStatement()) {
        statement.execute("CREATE SCHEMA IF NOT EXISTS " + config.schema());
      }
      HikariConfig hikari = new HikariConfig();
      hikari.setPoolName("shop");
      hikari.setJdbcUrl(url);
      hikari.setDataSourceProperties(credentials);
      hikari.setSchema(storedName(first.getMetaData(), config.schema()));
      // Every shopper, the price updater and the write-behind flusher hold at most one connection.
      hikari.setMaximumPoolSize(config.shoppers() + 3);
      HikariDataSource pool = new HikariDataSource(hikari);
      try {
        if (!config.joins()) {
          applySchema(pool); // a joining node uses the tables node 1 made
        }
        return new ShopDatabase(pool, describe(pool, url, config), config.schema());
      } catch (SQLException | RuntimeException e) {
        pool.close();
        throw e;
      }
    }
  }

  /** The pooled data source. */
  DataSource dataSource() {
    return pool;
  }

  /** What the database is, for the report: product, version and where. */
  String description() {
    return description;
  }

  /** Drops the example's schema and everything in it (the tests clean up with this). */
  void dropSchema() throws SQLException {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  /** The schema's name as the database stores it (H2 upper-cases it, PostgreSQL lower-cases it). */
  private static String storedName(DatabaseMetaData meta, String schema) throws SQLException {
    try (ResultSet schemas = meta.getSchemas()) {
      while (schemas.next()) {
        String name = schemas.getString("TABLE_SCHEM");
        if (name.equalsIgnoreCase(schema)) {
          return name;
        }
      }
    }
    throw new SQLException(
        "the schema " + schema + " was created, but the database does not list it");
  }

  private static void applySchema(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements(readSchema())) {
        statement.execute(sql);
      }
    }
  }

  private static String readSchema() {
    try (InputStream in = ShopDatabase.class.getResourceAsStream("/schema.sql")) {
      if (in == null) {
        throw new IllegalStateException("schema.sql is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read schema.sql", e);
    }
  }

  /** The statements of an SQL script: {@code --} comments dropped, split at {@code ;}. */
  static List<String> statements(String script) {
    StringBuilder text = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      int comment = line.indexOf("--");
      text.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
    }
    List<String> statements = new ArrayList<>();
    for (String statement : text.toString().split(";", -1)) {
      if (!statement.isBlank()) {
        statements.add(statement.strip());
      }
    }
    return statements;
  }

  private static String describe(DataSource dataSource, String url, ShopConfig config)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      String version = meta.getDatabaseProductVersion();
      int space = version.indexOf(' ');
      String product =
          meta.getDatabaseProductName() + " " + (space < 0 ? version : version.substring(0, space));
      if (config.jdbcUrl() == null) {
        return product + ", in memory";
      }
      String where = url.replaceFirst("^jdbc:[a-z0-9]+:(//)?", "").replaceFirst("\\?.*$", "");
      return product + " at " + where + ", schema " + config.schema();
    }
  }
}
