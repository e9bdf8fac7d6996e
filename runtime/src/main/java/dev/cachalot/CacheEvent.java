package dev.cachalot;

/**
 * One thing a cache did, as {@link CacheListener}s hear it.
 *
 * <p>Immutable and thread-safe (its key and error are whatever the cache handled).
 *
 * @param kind what happened
 * @param cache the name of the cache
 * @param key the key concerned, or {@code null} for events of a whole cache ({@link
 *     Kind#INVALIDATE_ALL}, {@link Kind#FLUSH}, the {@link Kind#FLUSH_FAILED} of a batch)
 * @param durationNanos how long the database call, load or flush took; 0 for events that do not
 *     time anything
 * @param error the failure, for the {@code *_FAILED} kinds and {@link Kind#WRITE_ABANDONED} (when
 *     known); {@code null} otherwise
 */
public record CacheEvent(Kind kind, String cache, Object key, long durationNanos, Throwable error) {

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
    /** A synchronous database write (cache-aside, write-through) succeeded. */
    DATABASE_WRITE,
    /** A synchronous database write (cache-aside, write-through) threw. */
    DATABASE_WRITE_FAILED,
    /** A write put a value into the cache (write-through, write-behind). */
    CACHE_WRITE,
    /** A write-behind write or delete was queued for the flusher. */
    ENQUEUE,
    /** A write-behind flush wrote pending writes to the database. */
    FLUSH,
    /**
     * A write-behind database call (one write, or a batch) failed; the writes stay pending and are
     * retried.
     */
    FLUSH_FAILED,
    /**
     * A write-behind write was given up: {@link Cachalot#close()} could not write it before its
     * timeout.
     */
    WRITE_ABANDONED
  }
}
