package dev.cachalot.examples.simulator;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The simulator's database: the three user tables over {@link JdbcClient} (embedded H2 by default),
 * the simulated database latency, and the "fail the database" switch. The DAOs run every statement
 * through {@link #run}; the page's view of the rows reads the tables directly, without latency.
 * Thread-safe.
 */
@Component
final class Database {

  /** Thrown by every statement while the database is failing. */
  static final class OutageException extends DataAccessResourceFailureException {
    private static final long serialVersionUID = 1L;

    OutageException() {
      super("the database is down (the simulator's \"fail the database\" is on)");
    }
  }

  private final JdbcClient jdbc;
  private final Latency latency;
  private final AtomicBoolean failing = new AtomicBoolean();

  Database(JdbcClient jdbc, Latency latency) {
    this.jdbc = jdbc;
    this.latency = latency;
  }

  JdbcClient jdbc() {
    return jdbc;
  }

  /** Whether every statement fails. */
  boolean isFailing() {
    return failing.get();
  }

  void setFailing(boolean failing) {
    this.failing.set(failing);
  }

  /**
   * Runs a DAO's statement: waits the simulated latency of {@code kind}, then runs it through
   * {@code fence}, unless the database is failing.
   */
  <T> T run(Fence fence, Latency.Kind kind, Supplier<T> statement) {
    latency.pause(kind);
    return fence.pass(
        () -> {
          if (failing.get()) {
            throw new OutageException();
          }
          return statement.get();
        });
  }

  /** Every row of {@code lane}'s table, by key; read directly, for the page. */
  List<User> rows(Lane lane) {
    return jdbc.sql("SELECT id, name, version FROM " + lane.table() + " ORDER BY id")
        .query(User.class)
        .list();
  }

  /** The row of {@code id} in {@code lane}'s table; read directly, for the page and the traps. */
  Optional<User> row(Lane lane, String id) {
    return jdbc.sql("SELECT id, name, version FROM " + lane.table() + " WHERE id = ?")
        .param(id)
        .query(User.class)
        .optional();
  }

  /** The highest version of any row, so that new writes get higher ones. */
  long maxVersion() {
    long max = 0;
    for (Lane lane : Lane.values()) {
      long version =
          jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM " + lane.table())
              .query(Long.class)
              .single();
      max = Math.max(max, version);
    }
    return max;
  }
}
