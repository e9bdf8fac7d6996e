package dev.cachalot.store;

import dev.cachalot.CacheSpec;
import java.util.List;

/**
 * Where write-behind caches keep the writes they acknowledged and have not yet flushed, so that
 * they survive the process: the local journal of {@code cachalot-runtime} ({@code LocalJournal}),
 * the Redis Stream of {@code cachalot-redis}, or your own. Without a log (the default) the writes
 * live only in the heap, which survives a failing database, {@code close()} and a normal exit, but
 * not {@code kill -9}.
 *
 * <p>The write-behind engine keeps its buffer in the heap in every mode (coalescing, per-key order,
 * retries, backpressure and reads of pending writes work as without a log) and tells the log what
 * happens to each write: {@link CacheLog#append} before the caller is acknowledged, {@link
 * CacheLog#written} once the database has it, {@link CacheLog#superseded} when a newer write of its
 * key made it redundant. What the log hands back ({@link CacheLog#recovered}, {@link
 * Adopter#adopt}) the engine writes to the database through the method that made it.
 *
 * <p>Implementations must be thread-safe: {@code append} is called by many writers at once (of
 * different keys; the writes of one key are serialized), the other methods by the cache's flusher
 * thread.
 */
public interface WriteBehindLog extends AutoCloseable {

  /**
   * Opens the log of one write-behind cache; called once per cache, when its first decorator is
   * created, before any write of the cache. {@code adopter} receives entries the log takes over
   * later (from another node that died); a local log never calls it.
   *
   * @throws WriteBehindLogException when the log of the cache cannot be opened
   */
  CacheLog open(CacheSpec cache, Adopter adopter);

  /**
   * What the log survives and what it costs, for messages and the log line at start: {@code
   * "journal /var/lib/shop/journal (fsync every write)"}.
   */
  @Override
  String toString();

  /**
   * Releases the log; called by {@code Cachalot.close()} after the final flush. What is still in
   * the log stays there, for the next start (or another node) to write.
   */
  @Override
  void close();

  /** The log of one cache. */
  interface CacheLog {

    /**
     * The entries this log holds that were acknowledged and not flushed when the cache was opened:
     * at most one per key (the newest), in the order they were appended. Called once, right after
     * {@link WriteBehindLog#open}.
     */
    List<Entry> recovered();

    /**
     * Makes a write ({@code value} non-null) or a delete ({@code value} null) of {@code key}
     * durable, and returns its entry once it is: the caller is acknowledged when this returns.
     *
     * @param method the write method that made it ({@link Entry#method})
     * @param key the key, as the cache's codec encodes it
     * @param value the value, as the cache's codec encodes it; null for a delete
     * @throws WriteBehindLogException when the entry could not be made durable (a full disk, a lost
     *     connection): the caller gets the exception, and the log must not replay the entry later
     */
    Entry append(String method, String key, byte[] value);

    /**
     * The entry {@code older}, of a key that has a newer durable entry, is no longer needed: the
     * newer one is written instead.
     */
    void superseded(Entry older);

    /**
     * The write of {@code entry} failed after it was appended (the cache could not be changed): its
     * caller got an exception, so it must never reach the database. Returns once that is durable.
     *
     * @throws WriteBehindLogException when the revocation could not be made durable
     */
    void revoked(Entry entry);

    /**
     * Asks, before the flusher writes {@code entries} to the database, which of them it may write
     * now: where flushers of several processes share the log, another one may be writing the same
     * key, or may have a newer entry of it. Returns one claim per entry, in order. A log of one
     * process grants every entry.
     */
    List<Claim> claim(List<Entry> entries);

    /** The claimed {@code entries} are in the database: they are not replayed. */
    void written(List<Entry> entries);

    /**
     * The flusher's attempt at the claimed {@code entries} failed; they stay pending and are
     * retried, by this process or, after it died, by another.
     */
    void released(List<Entry> entries);

    /**
     * After how many failed deliveries an entry is given up and {@linkplain #deadLetter reported};
     * 0 (the default) retries for ever, as the in-memory buffer does.
     */
    default int maxDeliveries() {
      return 0;
    }

    /**
     * Moves {@code entry}, which failed {@code attempts} times (the last with {@code error}), where
     * an operator finds it (a dead-letter stream), and removes it from the pending entries. Called
     * only when {@link #maxDeliveries} is positive.
     */
    default void deadLetter(Entry entry, int attempts, Throwable error) {
      throw new UnsupportedOperationException("this log keeps failing entries pending");
    }

    /** Releases what the log holds for the cache; pending entries stay in the log. */
    void close();
  }

  /** One acknowledged write or delete in a log. */
  interface Entry {

    /**
     * The write method that made the entry, {@code com.acme.EventDao#record(com.acme.Event)}; the
     * engine replays it with the same method.
     */
    String method();

    /** The key, as the cache's codec encodes it. */
    String key();

    /** The value as the cache's codec encodes it, or null for a delete. */
    byte[] value();

    /**
     * How many times the entry was delivered to a flusher before this process got it (0 for a fresh
     * or a recovered entry; the count of a taken-over one).
     */
    default int deliveries() {
      return 0;
    }

    /**
     * Whether this entry was appended after {@code other}, an entry of the same cache: of two
     * entries of one key, the later one wins.
     */
    boolean isAfter(Entry other);
  }

  /** What the flusher may do with an entry it asked to write. */
  enum Claim {
    /** Write it now. */
    WRITE,
    /** Drop it: a newer entry of its key exists, and that one is written instead. */
    SUPERSEDED,
    /** Not now: another flusher is writing its key; ask again at the next attempt. */
    BUSY
  }

  /** Receives entries a log takes over while the cache runs. */
  @FunctionalInterface
  interface Adopter {
    /**
     * The engine takes {@code entries} (acknowledged by a process that died) into its buffer and
     * writes them; an entry of a key that has a newer pending write is {@linkplain
     * CacheLog#superseded superseded} instead.
     */
    void adopt(List<Entry> entries);
  }
}
