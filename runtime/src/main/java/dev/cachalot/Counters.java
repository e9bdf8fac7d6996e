package dev.cachalot;

import java.util.concurrent.atomic.LongAdder;

/** The statistics counters of one cache; {@link LongAdder}s, so cheap and thread-safe to bump. */
final class Counters {
  final LongAdder hits = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder loads = new LongAdder();
  final LongAdder loadFailures = new LongAdder();
  final LongAdder totalLoadTimeNanos = new LongAdder();
  final LongAdder staleFillsRejected = new LongAdder();
  final LongAdder writes = new LongAdder();
  final LongAdder deletes = new LongAdder();
  final LongAdder flushes = new LongAdder();
  final LongAdder flushedWrites = new LongAdder();
  final LongAdder failedFlushAttempts = new LongAdder();

  CacheStats snapshot(long pendingWrites) {
    return new CacheStats(
        hits.sum(),
        misses.sum(),
        loads.sum(),
        loadFailures.sum(),
        totalLoadTimeNanos.sum(),
        staleFillsRejected.sum(),
        writes.sum(),
        deletes.sum(),
        flushes.sum(),
        flushedWrites.sum(),
        failedFlushAttempts.sum(),
        pendingWrites);
  }
}
