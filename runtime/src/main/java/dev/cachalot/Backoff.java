package dev.cachalot;

import java.time.Duration;

/**
 * The retry delays of failed write-behind writes: exponential backoff with ("equal") jitter. After
 * the n-th failure in a row of a key, its next attempt waits a uniformly random time in {@code
 * [cap/2, cap)}, where {@code cap = min(max, initial * 2^(n-1))}. Both bounds double with every
 * failure (exponential), a key never retries sooner than {@code initial/2} after a failure (a
 * failing key cannot hammer the database), and keys that failed together (a batch) come due spread
 * over a factor of two rather than all at once.
 *
 * <p>Immutable and thread-safe.
 */
record Backoff(Duration initial, Duration max) {

  Backoff {
    if (initial == null || initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException(
          "the initial retry backoff must be a positive duration, not " + initial);
    }
    if (max == null || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "the maximum retry backoff must be at least the initial one ("
              + initial
              + "), not "
              + max);
    }
  }

  /**
   * The delay before the next attempt after {@code failures} failures in a row ({@code >= 1}), for
   * a random {@code u} in {@code [0, 1)}.
   */
  long delayNanos(int failures, double u) {
    long maxNanos = Time.nanos(max);
    long cap = Math.min(Time.nanos(initial), maxNanos);
    for (int i = 1; i < failures && cap < maxNanos; i++) {
      cap = cap > maxNanos / 2 ? maxNanos : cap * 2;
    }
    long half = cap / 2;
    double clamped = Math.max(0.0, Math.min(u, 1.0));
    return Math.min(cap, half + (long) ((cap - half) * clamped));
  }
}
