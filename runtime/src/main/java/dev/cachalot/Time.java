package dev.cachalot;

import java.time.Duration;

/** Conversions of durations that engines share. */
final class Time {

  private Time() {}

  /** {@code duration} in nanoseconds, saturated at {@code Long.MAX_VALUE}. */
  static long nanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
