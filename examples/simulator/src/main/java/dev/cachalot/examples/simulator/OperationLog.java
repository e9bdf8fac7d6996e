package dev.cachalot.examples.simulator;

import dev.cachalot.CacheEvent;
import dev.cachalot.CacheListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;

/**
 * The page's operation log, made of the engines' own event stream. A click is one entry (the
 * operation, its outcome and the latency its caller saw), whose steps are the events the engines
 * emitted on the caller's thread while it ran (MISS, LOAD, FILL, ...), each with its duration: the
 * event's own (a load, a database write, a flush) or the store operation or SQL statement just
 * before it ({@link StepNotes}). Events of other threads (the write-behind flusher) are entries of
 * their own. The traps add entries that say what they did. Thread-safe; keeps the newest {@value
 * #KEPT} entries.
 */
@Component
final class OperationLog {

  static final int KEPT = 400;

  /** One engine event of an entry. */
  record Step(String kind, String key, String detail, Double ms) {}

  /** One line of the log. */
  record Entry(
      long seq,
      long at,
      int generation,
      String lane,
      String source,
      String title,
      String outcome,
      Double ms,
      String error,
      List<Step> steps) {}

  /** The steps collected on one thread while one operation ran. */
  static final class Scope {
    private final List<Step> steps = new ArrayList<>();

    List<Step> steps() {
      return List.copyOf(steps);
    }

    boolean has(CacheEvent.Kind kind) {
      return steps.stream().anyMatch(step -> step.kind().equals(kind.name()));
    }
  }

  private final AtomicLong seq = new AtomicLong();
  private final Deque<Entry> entries = new ArrayDeque<>();
  private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();

  /**
   * Opens a scope on this thread: the events this thread emits until {@link #close} are its steps.
   */
  Scope open() {
    Scope opened = new Scope();
    SCOPE.set(opened);
    return opened;
  }

  /** Closes this thread's scope. */
  void close() {
    SCOPE.remove();
  }

  /**
   * The listener of one generation's Cachalot: events become steps of the scope open on their
   * thread, or entries of their own; none once {@code muted} (the generation crashed: a dead
   * process reports nothing).
   */
  CacheListener listener(int generation, BooleanSupplier muted) {
    return event -> {
      if (muted.getAsBoolean()) {
        return;
      }
      Step step = step(event);
      Scope open = SCOPE.get();
      if (open != null) {
        open.steps.add(step);
        return;
      }
      String source =
          Thread.currentThread().getName().startsWith("cachalot-flusher") ? "flusher" : "engine";
      add(generation, event.cache(), source, step.kind(), null, step.ms(), null, List.of(step));
    };
  }

  private static Step step(CacheEvent event) {
    StepNotes.Note note = StepNotes.take(event.cache(), event.key());
    StringBuilder detail = new StringBuilder();
    if (note != null) {
      detail.append(note.text());
    }
    if (event.attempt() > 0) {
      detail.append(detail.length() == 0 ? "" : " · ").append("attempt ").append(event.attempt());
    }
    if (event.error() != null) {
      detail
          .append(detail.length() == 0 ? "" : " · ")
          .append(event.error().getClass().getSimpleName())
          .append(": ")
          .append(event.error().getMessage());
    }
    long nanos =
        event.durationNanos() > 0 ? event.durationNanos() : note == null ? 0 : note.nanos();
    return new Step(
        event.kind().name(),
        event.key() == null ? null : String.valueOf(event.key()),
        detail.toString(),
        nanos > 0 ? millis(nanos) : null);
  }

  /** Adds an entry. */
  Entry add(
      int generation,
      String lane,
      String source,
      String title,
      String outcome,
      Double ms,
      String error,
      List<Step> steps) {
    Entry entry =
        new Entry(
            seq.incrementAndGet(),
            System.currentTimeMillis(),
            generation,
            lane,
            source,
            title,
            outcome,
            ms,
            error,
            steps);
    synchronized (entries) {
      entries.addFirst(entry);
      while (entries.size() > KEPT) {
        entries.removeLast();
      }
    }
    return entry;
  }

  /** Adds an entry that says what the simulator itself did (a trap, the clock, a switch). */
  Entry say(int generation, String source, String title, String outcome) {
    return add(generation, null, source, title, outcome, null, null, List.of());
  }

  /** The newest {@code limit} entries, newest first. */
  List<Entry> newest(int limit) {
    synchronized (entries) {
      return entries.stream().limit(limit).toList();
    }
  }

  /** Every entry kept, newest first. */
  List<Entry> all() {
    return newest(KEPT);
  }

  static double millis(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }
}
