package dev.cachalot;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes; the tests' only way to wait for time. */
final class Await {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private Await() {}

  static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + DEADLINE + " waiting until " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
    }
  }

  /**
   * Waits until {@code thread} is blocked on a monitor (a {@code synchronized} block, such as a
   * ConcurrentHashMap bin), parked, or finished: for tests where the correct code blocks and a
   * mutant runs through.
   */
  static void blockedOrDone(Thread thread) {
    until(
        thread.getName() + " is blocked or done",
        () -> {
          Thread.State state = thread.getState();
          return state == Thread.State.BLOCKED
              || state == Thread.State.WAITING
              || state == Thread.State.TIMED_WAITING
              || state == Thread.State.TERMINATED;
        });
  }

  /** Waits until {@code thread} is blocked (waiting on a lock, condition or future). */
  static void blocked(Thread thread) {
    until(
        thread.getName() + " is blocked",
        () ->
            thread.getState() == Thread.State.WAITING
                || thread.getState() == Thread.State.TIMED_WAITING);
  }
}
