package dev.cachalot.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The database of the write benchmarks: H2 in memory, or the local PostgreSQL. */
final class Database implements AutoCloseable {

  static final String TABLE = "cachalot_bench_rows";

  static final String POSTGRES_URL_PROPERTY = "cachalot.bench.postgresUrl";

  static final String DEFAULT_POSTGRES_URL =
      "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&reWriteBatchedInserts=true";

  private final String url;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();

  private Database(String url) {
    this.url = url;
  }

  /** Opens {@code kind} ({@code h2} or {@code postgresql}) and creates an empty table. */
  static Database open(String kind) {
    Database database;
    switch (kind) {
      case "h2" -> database = new Database("jdbc:h2:mem:cachalot_bench;DB_CLOSE_DELAY=-1");
      case "postgresql" ->
          database = new Database(System.getProperty(POSTGRES_URL_PROPERTY, DEFAULT_POSTGRES_URL));
      default -> throw new IllegalArgumentException("unknown database " + kind);
    }
    try {
      database.execute(
          "create table if not exists "
              + TABLE
              + " (id bigint primary key, payload varchar(64) not null)");
      database.execute("truncate table " + TABLE);
    } catch (SQLException e) {
      if (kind.equals("postgresql")) {
        throw new IllegalStateException(
            "PostgreSQL is unreachable at "
                + database.url
                + " ("
                + e.getMessage()
                + "). The PostgreSQL write benchmarks need a server on 127.0.0.1:5432 with trust"
                + " authentication for user postgres and a database named test: start it with"
                + " `service postgresql start` (or `pg_ctlcluster <version> main start`), create"
                + " the database with `createdb -h 127.0.0.1 -U postgres test`, or point -D"
                + POSTGRES_URL_PROPERTY
                + "=jdbc:postgresql://... (with reWriteBatchedInserts=true) at another server;"
                + " `benchmarks/run.sh` accepts extra JMH options, e.g. -p db=h2 to skip it.",
            e);
      }
      throw new IllegalStateException("cannot open " + database.url + ": " + e.getMessage(), e);
    }
    return database;
  }

  /** A new connection (auto-commit), closed with this database. */
  Connection connect() throws SQLException {
    Connection connection = DriverManager.getConnection(url);
    connections.add(connection);
    return connection;
  }

  void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Empties the table. */
  void truncate() {
    try {
      execute("truncate table " + TABLE);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The rows in the table. */
  long count() {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select count(*) from " + TABLE)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    for (Connection connection : connections) {
      try {
        connection.close();
      } catch (SQLException e) {
        // closing at the end of a trial; nothing to do
      }
    }
    connections.clear();
    if (url.startsWith("jdbc:h2:")) {
      try {
        execute("drop table " + TABLE);
      } catch (SQLException e) {
        // the in-memory database goes with the JVM anyway
      }
    }
  }
}
