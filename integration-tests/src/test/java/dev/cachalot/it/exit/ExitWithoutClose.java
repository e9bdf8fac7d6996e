package dev.cachalot.it.exit;

import dev.cachalot.Cachalot;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The child JVM of {@link ExitFlushTest}: writes {@code count} audit records through a write-behind
 * decorator into the H2 database {@code url}, and returns from main without closing Cachalot, as an
 * application that forgets to would. Argument 3, {@code hook}, is the builder's {@code
 * shutdownHook} setting.
 */
public final class ExitWithoutClose {

  private ExitWithoutClose() {}

  public static void main(String[] args) throws SQLException {
    String url = args[0];
    int count = Integer.parseInt(args[1]);
    boolean hook = Boolean.parseBoolean(args[2]);
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute("create table audits (id bigint primary key, text varchar(100))");
    }
    AuditDao jdbc =
        new AuditDao() {
          @Override
          public void record(Audit audit) {
            insertAll(List.of(audit));
          }

          @Override
          public void insertAll(List<Audit> audits) {
            try (Connection connection = DriverManager.getConnection(url);
                PreparedStatement insert =
                    connection.prepareStatement("insert into audits (id, text) values (?, ?)")) {
              for (Audit audit : audits) {
                insert.setLong(1, audit.id());
                insert.setString(2, audit.text());
                insert.addBatch();
              }
              insert.executeBatch();
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          }
        };
    Cachalot cachalot = Cachalot.builder().shutdownHook(hook).build();
    AuditDao audits = cachalot.decorate(AuditDao.class, jdbc);
    for (long id = 1; id <= count; id++) {
      audits.record(new AuditDao.Audit(id, "audit " + id));
    }
    System.out.println(
        "acknowledged " + count + ", pending " + cachalot.cache("audits").pendingWrites());
  }
}
