package dev.cachalot.examples.shop;

import dev.cachalot.annotations.CacheDefaults;
import dev.cachalot.annotations.WriteThrough;
import java.util.Optional;

/**
 * Sessions are checked on every request, and a stale session (one that was logged out or extended a
 * moment ago) is a security bug: they are written through, so the cache always holds what the
 * database holds.
 */
@CacheDefaults(cache = "sessions", ttl = "30m")
public interface SessionDao {

  /** The session with this token, if it exists. */
  @WriteThrough
  Optional<Session> find(String token);

  /** Starts a session for the user; the database call makes the token. */
  @WriteThrough(key = "result.token")
  Session login(String userName);

  /** Stores the session (an extended expiry, say). */
  @WriteThrough(key = "session.token")
  void save(Session session);

  /** Ends the session. */
  @WriteThrough
  void logout(String token);
}
