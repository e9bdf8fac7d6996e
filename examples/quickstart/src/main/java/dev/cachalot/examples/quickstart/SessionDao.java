package dev.cachalot.examples.quickstart;

import dev.cachalot.annotations.WriteThrough;
import java.util.Optional;

/** Stale authentication data is a security bug: sessions are written through. */
public interface SessionDao {

  @WriteThrough(cache = "sessions", ttl = "30m")
  Optional<Session> find(String token);

  @WriteThrough(cache = "sessions", key = "result.token")
  Session login(String userName);

  @WriteThrough(cache = "sessions")
  void logout(String token);
}
