package dev.cachalot;

/**
 * A snapshot of the counters of one cache, since the cache was created. The counters are read one
 * after another while the cache keeps working, so the snapshot is not atomic across fields.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hits reads that found a value or a remembered absence in the cache (or a pending
 *     write-behind write)
 * @param misses reads that found nothing cached, whether they loaded the key from the database or
 *     waited for another caller's load of the same key
 * @param loads loader calls that returned normally (including those that returned "absent")
 * @param loadFailures loader calls that threw
 * @param totalLoadTimeNanos the time spent in loader calls, successful or not
 * @param staleFillsRejected loaded values that were not put into the cache because the key was
 *     written or invalidated while it loaded
 * @param writes writes that succeeded: database writes for cache-aside and write-through, accepted
 *     (queued) writes for write-behind
 * @param deletes deletes that succeeded, counted like {@code writes}
 * @param flushes write-behind flush attempts that found pending writes to write
 * @param flushedWrites write-behind writes and deletes that reached the database
 * @param flushCalls write-behind database calls (one write, or one batch) that succeeded; {@code
 *     flushedWrites / flushCalls} is the mean batch size
 * @param totalFlushTimeNanos the time spent in write-behind flush attempts
 * @param failedFlushAttempts write-behind database calls (one write, or one batch) that threw
 * @param writesStillFailing write-behind writes pending now whose last attempts failed at least
 *     {@code stillFailingAfter} times in a row (see {@link Cachalot.Builder#stillFailingAfter})
 * @param abandonedWrites write-behind writes that {@link Cachalot#close()} gave up (never those of
 *     a cache with a durable write-behind log, which stay in the log)
 * @param recoveredWrites write-behind writes the cache's durable log held when the cache was
 *     created (acknowledged before a crash or a restart, not yet in the database): written since
 * @param takenOverWrites write-behind writes taken over from another process that died before it
 *     wrote them (a log shared by several processes)
 * @param deadLetteredWrites write-behind writes that failed as many deliveries as the cache's log
 *     allows and were moved to its dead letters
 * @param pendingWrites write-behind writes and deletes not yet in the database (0 for the other
 *     strategies)
 */
public record CacheStats(
    long hits,
    long misses,
    long loads,
    long loadFailures,
    long totalLoadTimeNanos,
    long staleFillsRejected,
    long writes,
    long deletes,
    long flushes,
    long flushedWrites,
    long flushCalls,
    long totalFlushTimeNanos,
    long failedFlushAttempts,
    long writesStillFailing,
    long abandonedWrites,
    long recoveredWrites,
    long takenOverWrites,
    long deadLetteredWrites,
    long pendingWrites) {

  /** The share of reads that hit, {@code hits / (hits + misses)}; 1 when there were no reads. */
  public double hitRate() {
    long requests = hits + misses;
    return requests == 0 ? 1.0 : (double) hits / requests;
  }
}
