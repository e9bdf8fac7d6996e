package dev.cachalot.redis;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cachalot.store.StoreUnavailableException;

/*
 * Design note: the circuit breaker, and the invalidations it must not lose.
 *
 * Closed, every command goes to Redis. The first command that fails (a timeout, a refused or lost
 * connection, any error reply) opens it; while it is open every call fails at once with a
 * StoreUnavailableException, without waiting for a timeout, and a background probe (RedisStore)
 * PINGs the server until it answers. The engines read around the exception (a read goes to the
 * database and does not fill) and fail a write after its database call.
 *
 * A change that cannot be made (it failed, or the breaker refused it) may leave a value in Redis
 * that the database no longer has. Such a change marks its cache "lost" before it fails. Before the
 * probe closes the breaker, it bumps the generation of every lost cache (CLEAR), so that nothing
 * written before the outage is read again. To close the race between "refuse a change and mark its
 * cache" and "check that no cache is marked, then close", both run under this object's lock: a
 * change refused while open has marked its cache before the probe's last check, and a change that
 * finds the breaker closed runs against Redis (and, should it fail, marks its cache and opens the
 * breaker again).
 */

/** Whether Redis is reachable, as one store sees it; thread-safe. */
final class Breaker {

  private final String server;

  /** Null while closed; the failure that opened it while open. Read on every call. */
  private volatile Throwable openedBy;

  @GuardedBy("this")
  private long openedAtNanos;

  Breaker(String server) {
    this.server = server;
  }

  /** Whether commands go to Redis. */
  boolean isClosed() {
    return openedBy == null;
  }

  /** Throws the breaker's exception while it is open. */
  void check() {
    Throwable cause = openedBy;
    if (cause != null) {
      throw unavailable(cause);
    }
  }

  /**
   * Runs {@code markLost} and throws while the breaker is open; returns (and marks nothing) while
   * it is closed. For changes, whose refusal loses an invalidation.
   */
  void checkOrMarkLost(Runnable markLost) {
    if (openedBy == null) {
      return;
    }
    Throwable cause;
    synchronized (this) {
      cause = openedBy;
      if (cause == null) {
        return;
      }
      markLost.run();
    }
    throw unavailable(cause);
  }

  /** Opens the breaker because of {@code failure}; returns whether this call opened it. */
  synchronized boolean open(Throwable failure) {
    if (openedBy != null) {
      return false;
    }
    openedAtNanos = System.nanoTime();
    openedBy = failure;
    return true;
  }

  /**
   * Closes the breaker unless {@code stillLost} says a change was lost since the recovery began;
   * returns how long it was open, in nanoseconds, or -1 when it stays open.
   */
  synchronized long closeUnless(java.util.function.BooleanSupplier stillLost) {
    if (openedBy == null) {
      return 0;
    }
    if (stillLost.getAsBoolean()) {
      return -1;
    }
    openedBy = null;
    return System.nanoTime() - openedAtNanos;
  }

  /** The failure that opened the breaker, or null while it is closed. */
  Throwable cause() {
    return openedBy;
  }

  private StoreUnavailableException unavailable(Throwable cause) {
    return new Unavailable(
        "Redis at "
            + server
            + " is unreachable ("
            + cause
            + "); the cache is bypassed until a background probe reaches it again",
        cause);
  }

  /** The exception of an open breaker: thrown on every call, so it has no stack trace. */
  static final class Unavailable extends StoreUnavailableException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
