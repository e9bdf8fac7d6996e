package dev.cachalot.examples.shop.boot;

import dev.cachalot.examples.shop.Session;
import dev.cachalot.examples.shop.SessionDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sessions over {@link JdbcClient}; nothing here knows about caching. */
@Repository
class JdbcSessionDao implements SessionDao {

  /** How long a new session lives. */
  static final Duration LIFETIME = Duration.ofMinutes(30);

  private final JdbcClient jdbc;
  private final Clock clock = Clock.systemUTC();

  JdbcSessionDao(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<Session> find(String token) {
    return jdbc.sql("SELECT user_name, expires_at FROM user_session WHERE token = ?")
        .param(token)
        .query(
            (row, number) ->
                new Session(
                    token,
                    row.getString("user_name"),
                    row.getObject("expires_at", OffsetDateTime.class).toInstant()))
        .optional();
  }

  @Override
  public Session login(String userName) {
    // Milliseconds: what both databases store exactly, so the cached session equals the row.
    Instant expiresAt = clock.instant().plus(LIFETIME).truncatedTo(ChronoUnit.MILLIS);
    Session session = new Session(UUID.randomUUID().toString(), userName, expiresAt);
    jdbc.sql("INSERT INTO user_session (token, user_name, expires_at) VALUES (?, ?, ?)")
        .params(session.token(), userName, expiresAt.atOffset(ZoneOffset.UTC))
        .update();
    return session;
  }

  @Override
  public void save(Session session) {
    int updated =
        jdbc.sql("UPDATE user_session SET user_name = ?, expires_at = ? WHERE token = ?")
            .params(
                session.userName(), session.expiresAt().atOffset(ZoneOffset.UTC), session.token())
            .update();
    if (updated == 0) {
      throw new IllegalStateException("there is no session " + session.token() + " to save");
    }
  }

  @Override
  public void logout(String token) {
    jdbc.sql("DELETE FROM user_session WHERE token = ?").param(token).update();
  }
}
