package dev.cachalot.examples.simulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.springframework.stereotype.Component;

/**
 * The clock of the caches' TTLs: {@link System#nanoTime()} plus an offset that "advance time" adds
 * to. The in-process store expires entries by it, so moving it forward expires what a real wait
 * would have. Thread-safe and monotonic.
 */
@Component
final class SimClock implements LongSupplier {

  private final AtomicLong offsetNanos = new AtomicLong();

  @Override
  public long getAsLong() {
    return System.nanoTime() + offsetNanos.get();
  }

  /** Moves the clock forward by {@code amount}. */
  void advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("time only moves forward, not by " + amount);
    }
    offsetNanos.addAndGet(amount.toNanos());
  }

  /** How far the clock has been moved forward in all. */
  Duration advanced() {
    return Duration.ofNanos(offsetNanos.get());
  }
}
