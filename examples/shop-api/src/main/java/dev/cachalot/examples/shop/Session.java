package dev.cachalot.examples.shop;

import java.time.Duration;
import java.time.Instant;

/** A signed-in user's session, found by its token on every request. */
public record Session(String token, String userName, Instant expiresAt) {

  /** Whether the session is still valid at {@code now}. */
  public boolean isValidAt(Instant now) {
    return now.isBefore(expiresAt);
  }

  /** The same session, valid for {@code lifetime} from {@code now}. */
  public Session extendedFrom(Instant now, Duration lifetime) {
    return new Session(token, userName, now.plus(lifetime));
  }
}
