package dev.cachalot;

import java.util.concurrent.atomic.LongAdder;

/** The statistics counters of one cache; {@link LongAdder}s, so cheap and thread-safe to bump. */
final class Counters {
  final HitCounter hits = new HitCounter();
  final LongAdder misses = new LongAdder();
  final LongAdder loads = new LongAdder();
  final LongAdder loadFailures = new LongAdder();
  final LongAdder totalLoadTimeNanos = new LongAdder();
  final LongAdder staleFillsRejected = new LongAdder();
  final LongAdder writes = new LongAdder();
  final LongAdder deletes = new LongAdder();
  final LongAdder flushes = new LongAdder();
  final LongAdder flushedWrites = new LongAdder();
  final LongAdder flushCalls = new LongAdder();
  final LongAdder totalFlushTimeNanos = new LongAdder();
  final LongAdder failedFlushAttempts = new LongAdder();
  final LongAdder abandonedWrites = new LongAdder();
  final LongAdder recoveredWrites = new LongAdder();
  final LongAdder takenOverWrites = new LongAdder();
  final LongAdder deadLetteredWrites = new LongAdder();

  CacheStats snapshot(long pendingWrites, long writesStillFailing) {
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
        flushCalls.sum(),
        totalFlushTimeNanos.sum(),
        failedFlushAttempts.sum(),
        writesStillFailing,
        abandonedWrites.sum(),
        recoveredWrites.sum(),
        takenOverWrites.sum(),
        deadLetteredWrites.sum(),
        pendingWrites);
  }
}
