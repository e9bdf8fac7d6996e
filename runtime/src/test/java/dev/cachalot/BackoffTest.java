package dev.cachalot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final long MS = 1_000_000;

  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));

  // Catches: a fixed delay, or growth that is not a doubling per failure.
  @Test
  void theCapDoublesWithEveryFailure() {
    assertThat(backoff.delayNanos(1, 0.99999)).isCloseTo(100 * MS, within(MS));
    assertThat(backoff.delayNanos(2, 0.99999)).isCloseTo(200 * MS, within(MS));
    assertThat(backoff.delayNanos(3, 0.99999)).isCloseTo(400 * MS, within(MS));
    assertThat(backoff.delayNanos(9, 0.99999)).isCloseTo(25_600 * MS, within(MS));
  }

  // Catches: a delay without jitter (always the cap), or jitter that may reach zero (full jitter
  // from 0 would let a failing key retry at once).
  @Test
  void theDelayIsUniformBetweenHalfTheCapAndTheCap() {
    assertThat(backoff.delayNanos(1, 0.0)).isEqualTo(50 * MS);
    assertThat(backoff.delayNanos(1, 0.5)).isEqualTo(75 * MS);
    assertThat(backoff.delayNanos(3, 0.0)).isEqualTo(200 * MS);
    assertThat(backoff.delayNanos(3, 0.5)).isEqualTo(300 * MS);
  }

  // Catches: a cap that is not applied, or that overflows for long outages.
  @Test
  void theDelayNeverExceedsTheMaximum() {
    for (int failures : new int[] {10, 11, 30, 63, 64, 1000, Integer.MAX_VALUE}) {
      assertThat(backoff.delayNanos(failures, 0.99999)).isBetween(29_999 * MS, 30_000 * MS);
      assertThat(backoff.delayNanos(failures, 0.0)).isEqualTo(15_000 * MS);
    }
    Backoff huge = new Backoff(Duration.ofDays(365), Duration.ofDays(365 * 1000));
    assertThat(huge.delayNanos(Integer.MAX_VALUE, 1.0)).isPositive();
  }

  @Test
  void randomNumbersOutsideTheUnitIntervalAreClamped() {
    assertThat(backoff.delayNanos(1, -3)).isEqualTo(50 * MS);
    assertThat(backoff.delayNanos(1, 7)).isEqualTo(100 * MS);
  }

  @Test
  void theBuilderRejectsBackoffsThatMakeNoSense() {
    assertThatThrownBy(() -> Cachalot.builder().retryBackoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("initial");
    assertThatThrownBy(
            () -> Cachalot.builder().retryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maximum");
    assertThatThrownBy(() -> Cachalot.builder().stillFailingAfter(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static org.assertj.core.data.Offset<Long> within(long nanos) {
    return org.assertj.core.data.Offset.offset(nanos);
  }
}
