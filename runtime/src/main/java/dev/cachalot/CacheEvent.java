package dev.cachalot;

/**
 * One thing a cache did, as {@link CacheListener}s hear it.
 *
 * <p>Immutable and thread-safe (its key and error are whatever the cache handled).
 *
 * @param kind what happened
 * @param cache the name of the cache
 * @param key the key concerned, or {@code null} for events of a whole cache ({@link
 *     Kind#INVALIDATE_ALL}, {@link Kind#FLUSH}) and for the {@link Kind#DATABASE_WRITE} and {@link
 *     Kind#FLUSH_FAILED} of a write-behind batch, which covers many keys
 * @param durationNanos how long the database call, load or flush took; 0 for events that do not
 *     time anything
 * @param error the failure, for the {@code *_FAILED} kinds, {@link Kind#WRITE_STILL_FAILING} and
 *     {@link Kind#WRITE_ABANDONED} (when known); {@code null} otherwise
 * @param attempt for {@link Kind#FLUSH_FAILED}, {@link Kind#WRITE_STILL_FAILING}, {@link
 *     Kind#WRITE_ABANDONED} and {@link Kind#WRITE_DEAD_LETTERED}: how many database calls in a row
 *     failed to write the key's pending write, this one included (1 for the first failure; a newer
 *     write of the key that replaced a failing one carries the count on; a success resets it). The
 *     {@link Kind#FLUSH_FAILED} of a batch has 1, as only writes that never failed go into a batch.
 *     0 for every other event
 */
public record CacheEvent(
    Kind kind, String cache, Object key, long durationNanos, Throwable error, int attempt) {

  /** An event that is not an attempt of a write-behind write ({@code attempt} 0). */
  public CacheEvent(Kind kind, String cache, Object key, long durationNanos, Throwable error) {
    this(kind, cache, key, durationNanos, error, 0);
  }

  /** What happened. */
  public enum Kind {
    /** A read found a value in the cache (or in the write-behind buffer). */
    HIT,
    /** A read found nothing and loads (or waits for another caller's load of) the key. */
    MISS,
    /** A load from the database succeeded; {@code durationNanos} is its time. */
    LOAD,
    /** A load from the database threw; {@code error} is what it threw. */
    LOAD_FAILED,
    /** A loaded value (or remembered absence) was put into the cache. */
    FILL,
    /**
     * A loaded value was not put into the cache, because the key was written or invalidated while
     * it loaded (the stale-fill protection).
     */
    STALE_FILL_REJECTED,
    /** A key was removed from the cache. */
    INVALIDATE,
    /** Every key of the cache was removed. */
    INVALIDATE_ALL,
    /**
     * A database write succeeded: the caller's write (cache-aside, write-through), or a database
     * call of the write-behind flusher (one write or delete with its key, or a batch without key).
     */
    DATABASE_WRITE,
    /** A synchronous database write (cache-aside, write-through) threw. */
    DATABASE_WRITE_FAILED,
    /** A write put a value into the cache (write-through, write-behind). */
    CACHE_WRITE,
    /** A write-behind write or delete was queued for the flusher. */
    ENQUEUE,
    /**
     * A write-behind flush wrote pending writes to the database; {@code durationNanos} is its time.
     */
    FLUSH,
    /**
     * A write-behind database call (one write, or a batch) failed; the writes stay pending and are
     * retried with backoff (the writes of a failed batch at once, one by one). {@code attempt}
     * counts the failures in a row.
     */
    FLUSH_FAILED,
    /**
     * A write-behind write failed again and has now failed {@code attempt} times in a row, at least
     * the threshold set by {@link Cachalot.Builder#stillFailingAfter}; heard after every failed
     * attempt from the threshold on, until the write succeeds. The write stays pending.
     */
    WRITE_STILL_FAILING,
    /**
     * A write-behind write was given up: {@link Cachalot#close()} could not write it before its
     * timeout. {@code error} and {@code attempt} describe its last failure, if it failed.
     */
    WRITE_ABANDONED,
    /**
     * A write-behind write (or delete) acknowledged before the process stopped was found in the
     * cache's durable log when the cache was created; it is pending again and written.
     */
    WRITE_RECOVERED,
    /**
     * A write-behind write acknowledged by another process that died before writing it was taken
     * over from the shared durable log; it is pending here and written.
     */
    WRITE_TAKEN_OVER,
    /**
     * A write-behind write failed as many deliveries as the cache's durable log allows and was
     * moved to its dead letters; it is no longer retried. {@code error} is its last failure, {@code
     * attempt} this process's failures in a row.
     */
    WRITE_DEAD_LETTERED
  }
}
