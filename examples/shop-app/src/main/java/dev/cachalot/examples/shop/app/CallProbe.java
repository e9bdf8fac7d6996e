package dev.cachalot.examples.shop.app;

import dev.cachalot.CacheEvent;
import dev.cachalot.CacheListener;

/**
 * Tells, for the call the current thread is making through a decorated DAO, whether the read missed
 * and how long the database took: Cachalot calls its listeners on the thread that does the work, so
 * a thread-local tally per call is exact. Also times the write-behind flushes, which run on the
 * flusher thread.
 */
final class CallProbe implements CacheListener {

  /** What one call did; reset by {@link #begin}. */
  static final class Tally {
    int misses;
    long databaseNanos;
  }

  private final ThreadLocal<Tally> tally = ThreadLocal.withInitial(Tally::new);
  private final Latency flushes = new Latency();
  private volatile boolean timingFlushes;
  private volatile long timeFlushesFrom;

  /** Times the flushes that end after {@code nanoTime} (a {@link System#nanoTime} value). */
  void timeFlushesFrom(long nanoTime) {
    timeFlushesFrom = nanoTime;
    timingFlushes = true;
  }

  /** Starts a call on this thread; read the returned tally after the call. */
  Tally begin() {
    Tally current = tally.get();
    current.misses = 0;
    current.databaseNanos = 0;
    return current;
  }

  @Override
  public void onEvent(CacheEvent event) {
    switch (event.kind()) {
      case MISS -> tally.get().misses++;
      case LOAD, LOAD_FAILED, DATABASE_WRITE, DATABASE_WRITE_FAILED ->
          tally.get().databaseNanos += event.durationNanos();
      case FLUSH -> {
        if (timingFlushes && System.nanoTime() - timeFlushesFrom >= 0) {
          synchronized (flushes) {
            flushes.record(event.durationNanos(), event.durationNanos());
          }
        }
      }
      default -> {}
    }
  }

  /** The times of the write-behind flushes so far. */
  Latency.Summary flushes() {
    synchronized (flushes) {
      return flushes.summary();
    }
  }
}
