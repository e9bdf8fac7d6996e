package dev.cachalot.examples.shop.app;

import dev.cachalot.examples.shop.Session;
import dev.cachalot.examples.shop.SessionDao;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Sessions in plain JDBC; Cachalot's generated {@code CachedSessionDao} wraps it. */
final class JdbcSessionDao implements SessionDao {

  /** How long a new session lives. */
  static final Duration LIFETIME = Duration.ofMinutes(30);

  private final DataSource dataSource;
  private final Clock clock;

  JdbcSessionDao(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  @Override
  public Optional<Session> find(String token) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT user_name, expires_at FROM user_session WHERE token = ?")) {
      select.setString(1, token);
      try (ResultSet row = select.executeQuery()) {
        return row.next()
            ? Optional.of(
                new Session(
                    token, row.getString(1), row.getObject(2, OffsetDateTime.class).toInstant()))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read session " + token, e);
    }
  }

  @Override
  public Session login(String userName) {
    // Milliseconds: what both databases store exactly, so the cached session equals the row.
    Instant expiresAt = clock.instant().plus(LIFETIME).truncatedTo(ChronoUnit.MILLIS);
    Session session = new Session(UUID.randomUUID().toString(), userName, expiresAt);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO user_session (token, user_name, expires_at) VALUES (?, ?, ?)")) {
      insert.setString(1, session.token());
      insert.setString(2, userName);
      insert.setObject(3, expiresAt.atOffset(ZoneOffset.UTC));
      insert.executeUpdate();
      return session;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot log in " + userName, e);
    }
  }

  @Override
  public void save(Session session) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE user_session SET user_name = ?, expires_at = ? WHERE token = ?")) {
      update.setString(1, session.userName());
      update.setObject(2, session.expiresAt().atOffset(ZoneOffset.UTC));
      update.setString(3, session.token());
      if (update.executeUpdate() == 0) {
        throw new IllegalStateException("there is no session " + session.token() + " to save");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot save session " + session.token(), e);
    }
  }

  @Override
  public void logout(String token) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM user_session WHERE token = ?")) {
      delete.setString(1, token);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot log out session " + token, e);
    }
  }
}
