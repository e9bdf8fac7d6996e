package dev.cachalot;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * What every engine of one {@link Cachalot} shares, fixed when the Cachalot is built: the event
 * delivery, the open state, the TTL jitter and its random source, and the write-behind settings of
 * the builder. Engines read it instead of calling back into {@link Cachalot}. Immutable and
 * thread-safe.
 *
 * @param events where engines report what they do
 * @param lifecycle whether the Cachalot is open
 * @param ttlJitter the fraction by which TTLs are shortened at random, {@code [0, 1)}
 * @param random random numbers in {@code [0, 1)}, thread-safe
 * @param retryBackoff how failed write-behind writes are retried
 * @param writeBehindFullTimeout how long a write waits for room in a full buffer
 * @param stillFailingAfter after how many failures in a row a write is reported as still failing
 */
record EngineContext(
    Events events,
    Lifecycle lifecycle,
    double ttlJitter,
    DoubleSupplier random,
    Backoff retryBackoff,
    Duration writeBehindFullTimeout,
    int stillFailingAfter) {

  /**
   * {@code ttl} shortened by a random part of the TTL jitter fraction: uniform in {@code [ttl * (1
   * - jitter), ttl]}; {@code null} (no expiry) stays {@code null}.
   */
  Duration jittered(Duration ttl) {
    if (ttl == null || ttlJitter == 0) {
      return ttl;
    }
    long nanos = Time.nanos(ttl);
    double u = Math.max(0.0, Math.min(random.getAsDouble(), 1.0));
    long cut = (long) (nanos * ttlJitter * u);
    return Duration.ofNanos(Math.max(1, nanos - cut));
  }
}
