package dev.cachalot.examples.simulator;

import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * The simulated network: how long each cache operation and each database statement waits before it
 * runs. The defaults reproduce the article's figures: a cache GET 1 ms, SET 2 ms, DEL 1 ms (Redis
 * across a network), a database read 15 ms and write 14 ms. Thread-safe.
 */
final class Latency {

  /**
   * The simulated latencies, in milliseconds; {@code enabled} false makes every operation run at
   * the speed of the in-process store and the embedded database.
   */
  record Settings(
      boolean enabled,
      double cacheGetMs,
      double cacheSetMs,
      double cacheDeleteMs,
      double dbReadMs,
      double dbWriteMs) {

    /** The article's network: {@code 1, 2, 1, 15, 14} ms. */
    static final Settings ARTICLE = new Settings(true, 1, 2, 1, 15, 14);

    /** No simulated latency. */
    static final Settings NONE = new Settings(false, 0, 0, 0, 0, 0);

    Settings {
      for (double ms : new double[] {cacheGetMs, cacheSetMs, cacheDeleteMs, dbReadMs, dbWriteMs}) {
        if (!(ms >= 0 && ms <= 5_000)) {
          throw new IllegalArgumentException("a simulated latency is from 0 to 5000 ms, not " + ms);
        }
      }
    }
  }

  /** What waits. */
  enum Kind {
    CACHE_GET,
    CACHE_SET,
    CACHE_DELETE,
    DB_READ,
    DB_WRITE
  }

  private volatile Settings settings;

  Latency(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  Settings settings() {
    return settings;
  }

  void set(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Waits as long as {@code kind} takes on the simulated network. */
  void pause(Kind kind) {
    Settings now = settings;
    if (!now.enabled()) {
      return;
    }
    double ms =
        switch (kind) {
          case CACHE_GET -> now.cacheGetMs();
          case CACHE_SET -> now.cacheSetMs();
          case CACHE_DELETE -> now.cacheDeleteMs();
          case DB_READ -> now.dbReadMs();
          case DB_WRITE -> now.dbWriteMs();
        };
    // parkNanos until the deadline: Thread.sleep(1) sleeps 1.1 ms or more, which would blur the
    // 1 ms figures.
    long deadline = System.nanoTime() + (long) (ms * 1_000_000);
    for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
      LockSupport.parkNanos(this, left);
    }
  }
}
