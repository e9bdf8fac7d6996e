package dev.cachalot.it;

import dev.cachalot.annotations.CacheValue;
import dev.cachalot.annotations.Key;
import dev.cachalot.annotations.WriteThrough;
import java.io.IOException;
import java.util.Optional;

/** Write-through, every role, with a checked exception on the DAO. */
public interface SessionDao {

  @WriteThrough(cache = "sessions", ttl = "30m")
  Optional<Session> find(String token) throws IOException;

  @WriteThrough(cache = "sessions", key = "result.token")
  Session create(String user) throws IOException;

  @WriteThrough(cache = "sessions")
  void put(@Key String token, @CacheValue Session session) throws IOException;

  @WriteThrough(cache = "sessions", key = "session.token")
  boolean refresh(@CacheValue Session session) throws IOException;

  @WriteThrough(cache = "sessions", key = "session.token")
  Session normalize(Session session) throws IOException;

  @WriteThrough(cache = "sessions")
  void logout(String token) throws IOException;
}
