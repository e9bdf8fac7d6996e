package com.acme.auth;

import dev.cachalot.annotations.CacheValue;
import dev.cachalot.annotations.Key;
import dev.cachalot.annotations.WriteThrough;
import java.io.IOException;
import java.util.Optional;

public interface SessionDao {

  final class Session {
    private final String token;

    public Session(String token) {
      this.token = token;
    }

    public String getToken() {
      return token;
    }
  }

  @WriteThrough(cache = "sessions", ttl = "30m")
  Optional<Session> find(String token) throws IOException;

  @WriteThrough(cache = "sessions", key = "result.token")
  Session create(String user) throws IOException;

  @WriteThrough(cache = "sessions")
  void put(@Key String token, @CacheValue Session session);

  @WriteThrough(cache = "sessions", key = "session.token")
  boolean refresh(@CacheValue Session session);

  @WriteThrough(cache = "sessions", key = "session.token")
  Session normalize(Session session);

  @WriteThrough(cache = "sessions")
  void logout(String token);
}
