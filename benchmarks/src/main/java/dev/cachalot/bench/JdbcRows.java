package dev.cachalot.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/**
 * The plain JDBC DAO every write strategy wraps: one connection and its prepared statements per
 * thread (the caller's, or the write-behind flusher's); auto-commit, so a batch is one statement.
 */
final class JdbcRows
    implements RowDaos.Rows,
        RowDaos.CacheAsideRows,
        RowDaos.WriteThroughRows,
        RowDaos.WriteBehindRows {

  private final Database database;
  private final ThreadLocal<Statements> statements;

  JdbcRows(Database database) {
    this.database = database;
    this.statements = ThreadLocal.withInitial(this::open);
  }

  private Statements open() {
    try {
      Connection connection = database.connect();
      return new Statements(
          connection.prepareStatement(
              "insert into " + Database.TABLE + " (id, payload) values (?, ?)"),
          connection.prepareStatement("select payload from " + Database.TABLE + " where id = ?"));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Row find(long id) {
    PreparedStatement select = statements.get().select();
    try {
      select.setLong(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? new Row(id, rows.getString(1)) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void insert(Row row) {
    PreparedStatement insert = statements.get().insert();
    try {
      insert.setLong(1, row.id());
      insert.setString(2, row.payload());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void insertAll(Collection<Row> rows) {
    PreparedStatement insert = statements.get().insert();
    try {
      for (Row row : rows) {
        insert.setLong(1, row.id());
        insert.setString(2, row.payload());
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Statements(PreparedStatement insert, PreparedStatement select) {}
}
