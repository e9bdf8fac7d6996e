package dev.cachalot.store;

import dev.cachalot.CacheSpec;
import java.util.List;

/**
 * Where write-behind caches keep the writes they acknowledged and have not yet flushed, so that
 * they survive the process: the local journal of {@code cachalot-runtime} ({@link LocalJournal}),
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
 * <p>What the log must keep: for each key, its newest entry that was appended and not revoked,
 * until that entry is written. An entry is settled (need not be kept) once it, or a newer entry of
 * its key, is written, or once it is superseded, revoked or dead-lettered. The engine may report
 * one entry more than once (written, then superseded), so reports must be idempotent.
 *
 * <p>Implementations must be thread-safe. Who calls what: {@code append} and {@code revoked} the
 * writers (many at once, of different keys; the calls of one key are serialized); {@code claim},
 * {@code written}, {@code released}, {@code superseded} and {@code deadLetter} the cache's flusher
 * thread; {@code open}, {@code recovered} and {@code close} the thread that creates or closes the
 * cache. A log may call {@link Adopter#adopt} from any thread, but not from within a call the
 * engine made into it; adopt only queues the entries and returns.
 */
public interface WriteBehindLog extends AutoCloseable {

  /**
   * Opens the log of one write-behind cache, when the cache is created (its first decorator),
   * before any write of the cache. If the engine cannot start over what the log holds (an entry it
   * cannot decode), it closes the returned log again, and the next decorator opens it anew. {@code
   * adopter} receives entries the log takes over later (from another process that died); a local
   * log never calls it.
   *
   * @throws WriteBehindLogException when the log of the cache cannot be opened
   */
  CacheLog open(CacheSpec cache, Adopter adopter);

  /**
   * What the log is, for messages and the log line at start: {@code "journal /var/lib/shop/journal
   * (fsync every write)"}.
   */
  @Override
  String toString();

  /**
   * Releases the log; called by {@code Cachalot.close()} after the final flush. What is still in
   * the log stays there, for the next start (or another process) to write.
   */
  @Override
  void close();

  /** The log of one cache. */
  interface CacheLog {

    /**
     * What this log holds for this process that was acknowledged and not settled when the cache was
     * opened (left by an earlier run): per key, its newest unrevoked entry, unless that one was
     * written; in the order they were appended. Called once, right after {@link
     * WriteBehindLog#open}.
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
     *     connection): the caller gets the exception, so the log must not replay the entry later.
     *     Where it cannot tell whether the entry was kept (a timeout), it must make sure it is not
     *     before throwing, or say in the message that the write may still be applied
     */
    Entry append(String method, String key, byte[] value);

    /**
     * The write of {@code entry} failed after it was appended (the cache could not be changed): its
     * caller got an exception, so it must never reach the database, and it never counts as a newer
     * entry of its key (the entry it would have replaced is the key's newest again). Returns once
     * that is durable.
     *
     * @throws WriteBehindLogException when the revocation could not be made durable
     */
    void revoked(Entry entry);

    /**
     * Asks, before the flusher writes {@code entries} to the database, which of them it may write
     * now: where flushers of several processes share the log, another one may be writing the same
     * key, or may have written a newer entry of it. A granted entry's key is the flusher's until it
     * reports the entry {@link #written} or {@link #released}. Returns one claim per entry, in
     * order. A log of one process grants every entry.
     */
    List<Claim> claim(List<Entry> entries);

    /**
     * The claimed {@code entries} are in the database: they, and every older entry of their keys,
     * are settled and not replayed.
     */
    void written(List<Entry> entries);

    /**
     * The flusher's attempt at the claimed {@code entries} failed; they stay pending and are
     * retried, by this process or, after it died, by another.
     */
    void released(List<Entry> entries);

    /**
     * {@code entries} are settled: each of their keys has a newer entry that was acknowledged (its
     * write returned, so it can no longer be revoked), which is written instead.
     *
     * <p>This and {@link #written} are reports, not writes a caller waits for: a log that cannot
     * record one (an I/O error) keeps the entries live and logs it, and they are written once more
     * after a restart, which write-behind allows. They should not throw for that.
     */
    void superseded(List<Entry> entries);

    /**
     * After how many failed deliveries an entry is given up and {@linkplain #deadLetter reported};
     * 0 (the default) retries for ever, as the in-memory buffer does.
     */
    default int maxDeliveries() {
      return 0;
    }

    /**
     * Moves {@code entry}, which failed {@code deliveries} times in all (the last with {@code
     * error}), where an operator finds it (a dead-letter stream): it is settled. Called only when
     * {@link #maxDeliveries} is positive.
     *
     * @throws WriteBehindLogException when it could not be moved; the engine keeps the write
     *     pending
     */
    default void deadLetter(Entry entry, int deliveries, Throwable error) {
      throw new UnsupportedOperationException("this log keeps failing entries pending");
    }

    /** Releases what the log holds for the cache; pending entries stay in the log. */
    void close();
  }

  /**
   * One acknowledged write or delete in a log. Two entries are {@linkplain Object#equals equal}
   * when they are the same entry of the log (a log may hand one entry over again).
   */
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
     * How many times the entry failed to be written before this process got it (0 for a fresh or a
     * recovered entry; what the process that died counted for a taken-over one).
     */
    default int deliveries() {
      return 0;
    }

    /**
     * Whether this entry was appended after {@code other}, an entry of the same cache: of two
     * entries of one key, the later one wins. False for an equal entry.
     */
    boolean isAfter(Entry other);
  }

  /** What the flusher may do with an entry it asked to write. */
  enum Claim {
    /** Write it now. */
    WRITE,
    /**
     * Drop it: a newer entry of its key is in the database already, and writing this one would undo
     * it. (A newer entry that is only pending is no reason: this one may be written first, and the
     * newer one after it.)
     */
    SUPERSEDED,
    /** Not now: another flusher is writing its key; ask again at the next attempt. */
    BUSY
  }

  /** Receives entries a log takes over while the cache runs. */
  @FunctionalInterface
  interface Adopter {
    /**
     * Queues {@code entries} (acknowledged by a process that died) for the engine, which takes them
     * into its buffer and writes them; an entry of a key that has a newer pending write is
     * {@linkplain CacheLog#superseded superseded} instead. Returns at once; never blocks.
     */
    void adopt(List<Entry> entries);
  }
}
