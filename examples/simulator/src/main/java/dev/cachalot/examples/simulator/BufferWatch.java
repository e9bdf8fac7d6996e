package dev.cachalot.examples.simulator;

import dev.cachalot.CacheEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one generation's write-behind buffer holds, as far as the page can tell from the outside:
 * the writes the simulator's callers were acknowledged whose row is not yet in the database, the
 * failures the flusher reported for them, and when the flusher's next periodic flush is due. The
 * buffer's depth itself is the engine's ({@code CacheHandle.pendingWrites()}); this adds the
 * contents. Thread-safe.
 */
final class BufferWatch {

  /** An acknowledged write (a delete: {@code value} null) not yet in the database. */
  record Pending(
      String key,
      User value,
      long acknowledgedAt,
      int attempts,
      boolean stillFailing,
      String error) {}

  /** An acknowledged write or delete, as its caller was told. */
  private record Acknowledged(User value, long at) {}

  /** The flusher's failures of one key, since its last success. */
  private record Failure(int attempts, boolean stillFailing, String error) {}

  /** How far from its expected time a flush may end and still be the periodic one. */
  private static final long TICK_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final long intervalNanos = TimeUnit.MILLISECONDS.toNanos(WriteBehindUsers.FLUSH_MILLIS);
  private final Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();
  private final Map<String, Failure> failures = new ConcurrentHashMap<>();
  private final AtomicInteger explicitFlushes = new AtomicInteger();

  /** When the last periodic flush ended (the flusher schedules the next one from there). */
  private volatile long lastTick = System.nanoTime();

  /**
   * Notes that the write-behind engine has just started: its flusher's first periodic flush comes
   * one interval from now.
   */
  void started() {
    lastTick = System.nanoTime();
  }

  /** Hears the write-behind cache's events. */
  void onEvent(CacheEvent event) {
    if (!event.cache().equals(WriteBehindUsers.CACHE)) {
      return;
    }
    String key = event.key() == null ? null : String.valueOf(event.key());
    switch (event.kind()) {
      case FLUSH -> {
        long end = System.nanoTime();
        long start = end - event.durationNanos();
        if (explicitFlushes.get() == 0 && isTick(start)) {
          lastTick = end;
        }
      }
      case FLUSH_FAILED, WRITE_STILL_FAILING -> {
        if (key != null) {
          failures.put(
              key,
              new Failure(
                  event.attempt(),
                  event.kind() == CacheEvent.Kind.WRITE_STILL_FAILING
                      || Optional.ofNullable(failures.get(key))
                          .map(Failure::stillFailing)
                          .orElse(false),
                  event.error() == null ? null : event.error().getMessage()));
        }
      }
      case DATABASE_WRITE -> {
        if (key != null) {
          failures.remove(key);
        }
      }
      default -> {}
    }
  }

  /** Whether a flush that started at {@code start} is the periodic one, by its schedule. */
  private boolean isTick(long start) {
    long since = start - lastTick;
    long offset = Math.floorMod(since, intervalNanos);
    return since > 0 && (offset < TICK_SLACK_NANOS || intervalNanos - offset < TICK_SLACK_NANOS);
  }

  /**
   * Notes that a caller was acknowledged a write of {@code value} (null: a delete of {@code key}).
   */
  void acknowledged(String key, User value) {
    acknowledged.put(key, new Acknowledged(value, System.currentTimeMillis()));
  }

  /** Runs an explicit flush, which the flusher runs besides its schedule. */
  void explicitFlush(Runnable flush) {
    explicitFlushes.incrementAndGet();
    try {
      flush.run();
    } finally {
      explicitFlushes.decrementAndGet();
    }
  }

  /** How long until the next periodic flush, by the flusher's schedule. */
  long nextFlushInMillis() {
    long now = System.nanoTime();
    long since = Math.max(0, now - lastTick);
    long next = lastTick + (since / intervalNanos + 1) * intervalNanos;
    return TimeUnit.NANOSECONDS.toMillis(next - now);
  }

  /**
   * The acknowledged writes whose row is not what its caller was told, oldest first: the buffer's
   * contents. Those the database has are forgotten.
   */
  List<Pending> pending(Database database) {
    List<Pending> pending = new ArrayList<>();
    for (Map.Entry<String, Acknowledged> entry : List.copyOf(acknowledged.entrySet())) {
      String key = entry.getKey();
      Acknowledged acked = entry.getValue();
      User row = database.row(Lane.WRITE_BEHIND, key).orElse(null);
      if (Objects.equals(row, acked.value())) {
        acknowledged.remove(key, acked);
        failures.remove(key);
        continue;
      }
      Failure failure = failures.get(key);
      pending.add(
          new Pending(
              key,
              acked.value(),
              acked.at(),
              failure == null ? 0 : failure.attempts(),
              failure != null && failure.stillFailing(),
              failure == null ? null : failure.error()));
    }
    pending.sort(Comparator.comparingLong(Pending::acknowledgedAt));
    return pending;
  }
}
