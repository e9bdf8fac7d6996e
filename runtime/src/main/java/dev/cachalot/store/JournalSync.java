package dev.cachalot.store;

import java.time.Duration;
import java.util.Objects;

/**
 * When a {@link LocalJournal} makes an appended write durable before it acknowledges it: what the
 * acknowledged write survives, and what each write costs.
 *
 * <table>
 *   <caption>Sync policies</caption>
 *   <tr><th>policy</th><th>acknowledged once</th><th>survives</th></tr>
 *   <tr><td>{@link #everyWrite()} (the default)</td><td>an fsync covering the write ran
 *       (writers waiting at the same time share one)</td><td>{@code kill -9}, a power loss, an OS
 *       crash</td></tr>
 *   <tr><td>{@link #every(Duration)}</td><td>the next group commit ran: one fsync at most every
 *       window, on the journal's thread, for every write appended meanwhile</td><td>the same, at
 *       a latency of up to the window plus one fsync</td></tr>
 *   <tr><td>{@link #never()}</td><td>the write was handed to the operating system ({@code
 *       write(2)}); no fsync</td><td>{@code kill -9} and any crash of the process, not a power
 *       loss or an OS crash</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 */
public final class JournalSync {

  private enum Mode {
    EVERY_WRITE,
    GROUP,
    NEVER
  }

  private static final JournalSync EVERY_WRITE = new JournalSync(Mode.EVERY_WRITE, Duration.ZERO);
  private static final JournalSync NEVER = new JournalSync(Mode.NEVER, Duration.ZERO);

  private final Mode mode;
  private final Duration window;

  private JournalSync(Mode mode, Duration window) {
    this.mode = mode;
    this.window = window;
  }

  /**
   * An fsync before each acknowledgement; writers that wait at the same time share one fsync that
   * covers them all. The default.
   */
  public static JournalSync everyWrite() {
    return EVERY_WRITE;
  }

  /**
   * Group commit: a write is acknowledged once an fsync that covers it ran; the journal's thread
   * runs at most one fsync every {@code window} (2 ms is typical), for every write appended
   * meanwhile, and acknowledges their writers together.
   *
   * @throws IllegalArgumentException when {@code window} is not positive
   */
  public static JournalSync every(Duration window) {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the group commit window must be positive: " + window);
    }
    return new JournalSync(Mode.GROUP, window);
  }

  /**
   * No fsync: a write is acknowledged once the operating system has it ({@code write(2)}), which
   * survives {@code kill -9} of the process but not a power loss or a crash of the OS. The journal
   * still syncs when it rotates a segment and before it deletes one.
   */
  public static JournalSync never() {
    return NEVER;
  }

  /** Whether an acknowledgement waits for an fsync. */
  boolean syncsBeforeAcknowledging() {
    return mode != Mode.NEVER;
  }

  /** Whether the fsyncs run on the journal's thread, at most once a window. */
  boolean grouped() {
    return mode == Mode.GROUP;
  }

  /** The group commit window in nanoseconds; 0 unless {@link #grouped()}. */
  long windowNanos() {
    return window.toNanos();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JournalSync that && mode == that.mode && window.equals(that.window);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, window);
  }

  /** {@code "fsync every write"}, {@code "group commit, fsync at most every 2ms"}, ... */
  @Override
  public String toString() {
    return switch (mode) {
      case EVERY_WRITE -> "fsync every write";
      case GROUP -> "group commit, fsync at most every " + describe(window);
      case NEVER -> "no fsync: survives kill -9, not a power loss";
    };
  }

  private static String describe(Duration window) {
    long nanos = window.toNanos();
    if (nanos % 1_000_000 == 0) {
      return nanos / 1_000_000 + "ms";
    }
    if (nanos % 1_000 == 0) {
      return nanos / 1_000 + "us";
    }
    return nanos + "ns";
  }
}
