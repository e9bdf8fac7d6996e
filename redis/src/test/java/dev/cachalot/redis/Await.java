package dev.cachalot.redis;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes; for effects of other threads. */
final class Await {
  private Await() {}

  /** Waits until {@code condition} holds; fails after {@code timeout}. Returns the time it took. */
  static Duration until(String what, Duration timeout, BooleanSupplier condition) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
