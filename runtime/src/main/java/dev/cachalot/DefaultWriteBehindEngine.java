package dev.cachalot;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cachalot.annotations.Strategy;
import dev.cachalot.internal.BatchWrite;
import dev.cachalot.internal.DeferredWrite;
import dev.cachalot.internal.Loading;
import dev.cachalot.internal.WriteBehindEngine;
import dev.cachalot.store.Store;
import dev.cachalot.store.StoreCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Design note: write-behind. Promises, and why they hold.
 *
 * The buffer. `pending` maps a key to its one pending Op: a write with its value, or a delete (a
 * tombstone). A newer op of the key replaces the older one: coalescing, the last write wins, and a
 * delete is just the newest op of its key, so it stays in order with the writes. Every change of
 * `pending`'s key set (insert of a new key, removal) happens under `bufferLock`, so the capacity
 * check and the insert are atomic, and `notFull` is signalled whenever a key leaves. Reads look into
 * `pending` without a lock (a ConcurrentHashMap), after a store miss, so a write is readable from
 * the moment it is acknowledged until the database has it, whatever the cache evicts meanwhile.
 *
 * Writers of one key. A write holds the striped lock of its key (KeyLocks) while it inserts its op
 * and then changes the cache entry, so two writers of one key cannot leave the cache holding one's
 * value and the buffer the other's. The op goes into the buffer before the entry changes, which is
 * what AbstractEngine's stale-fill protection needs ("the new state is where loads read it before
 * the version bump": a load that misses the cache then finds the op in `pending`). If changing the
 * entry fails, the op is taken back out (the op it replaced is put back), so a failed write changes
 * nothing. Until its entry change succeeded an op is not `committed`, and the flusher writes the op
 * it replaced instead (its `previous`, committed: writes of one key are serialized by the key lock):
 * so the database never receives a write whose caller got an exception.
 *
 * The flusher and per-key order. Each cache has one flusher thread (a single-threaded scheduler)
 * and every database call of the cache runs on it: the periodic tick, the flush requested when
 * maxBatch writes are due, the retry wake-ups, an explicit flush() and the final flush of close().
 * So database calls of one cache never overlap, and at most one op per key is ever in flight. An op
 * leaves `pending` only when its database call succeeded AND it is still the key's current op
 * (remove(key, op) is by identity); otherwise it stays, or the newer op that replaced it stays. From
 * this: (1) the database sees the ops of one key in the order they were acknowledged (a subsequence:
 * coalesced ops are skipped), because each call writes the key's newest op at that moment and the
 * next call of the key starts after it ended; (2) after a failure nothing newer of that key can be
 * written before the failed op's retry, because the only way a newer op exists is that it replaced
 * the failed one in `pending`, and then the retry IS the newer op (a newer op that replaced the
 * failed one while it was in flight is what is written next, and it supersedes the failed one
 * entirely, which may or may not have been applied); (3) nothing acknowledged is dropped: an op
 * leaves `pending` only once its value, or a newer one of its key, is in the database. Only close()
 * gives ops up, and it reports each one.
 *
 * Retries. The retry state is per key (`failing`: failures in a row, when the next attempt is due,
 * the last error), changed by the flusher thread only. A key whose call failed waits an exponential
 * backoff with jitter (Backoff) before its next attempt; a newer write of the key inherits the
 * state (the key is what fails: its row, or the database); a success resets it. Keys that are not
 * failing keep flushing on the normal schedule meanwhile: one bad row holds back only its own key.
 * Every failed call is a FLUSH_FAILED event with its attempt number; from `stillFailingAfter` on it
 * is also a WRITE_STILL_FAILING. Keys in `failing` are written one by one with their own
 * DatabaseWrite, never in a batch. When a batch call fails, each of its ops is retried at once, one
 * by one, with its own DatabaseWrite (the generated code always passes the single-row DAO call), so
 * a bad row fails alone and the good rows of its batch land in the same attempt. flush() and close()
 * attempt every pending key at once, ignoring the backoff (a caller is waiting); flush() then throws
 * a WriteBehindException naming the keys that failed and the cause (it never waits for a retry, so
 * it cannot hang on a write that keeps failing); the keys stay pending.
 *
 * Flush triggers. A tick every flushInterval writes every due op (fresh ones, and failing ones whose
 * backoff elapsed); when a write makes maxBatch ops due that are not backing off, a flush is
 * requested at once; a retry wake-up is scheduled for the earliest due failing key and writes only
 * failing keys (so fresh writes keep coalescing until their tick). Batches hold at most maxBatch ops.
 *
 * Backpressure. A write of a new key into a buffer at capacity waits on `notFull` (asking for a
 * flush) up to fullTimeout, then throws WriteBehindFullException naming the cache and the pending
 * count; a write of a key already pending replaces its op and never waits. Failing writes keep
 * their room, so a database that stays down ends in backpressure, never in a dropped write.
 *
 * close(). Stops accepting writes, then the flusher drains: one attempt at every pending key, then
 * retries with backoff until the buffer is empty or the next retry would start after the deadline.
 * Whatever is left is reported: a WRITE_ABANDONED event per key (with its last error and attempt
 * count) and the Abandoned record from which Cachalot.close() builds its WriteBehindException.
 *
 * The interleavings, forced with latches: WriteBehindTest.aWriteThatArrivesWhileItsKeyIsFlushed-
 * StaysPending and aDeleteThatArrivesWhileItsKeyIsFlushedIsWrittenAfterTheWrite (identity remove),
 * WriteBehindRetryTest.aWriteThatReplacedAFailingOneWhileItWasInFlightIsWhatIsWrittenNext (per-key
 * order across a retry), aBadRowInABatchDoesNotHoldBackTheRestOfTheBatch, aFailingKeyDoesNotHold-
 * BackOtherKeys, aWriteWhoseCacheChangeFailedNeverReachesTheDatabase (committed/previous), and
 * WriteBehindStressTest for all of it at random, with a database that fails one call in ten.
 */

/**
 * The write-behind engine of one named cache, shared by every decorator that names the cache;
 * decorators get {@linkplain #view views} that tag their writes with their own batch method.
 * Thread-safe; writes block only while the buffer is full, {@link #flush} blocks until the pending
 * writes are in the database (or one attempt at them failed).
 */
final class DefaultWriteBehindEngine<K, V> extends AbstractEngine<K, V> {

  private static final Logger log = LoggerFactory.getLogger(DefaultWriteBehindEngine.class);

  /** How long close's drain waits for a write that is still being accepted. */
  private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final ConcurrentHashMap<K, Op<K, V>> pending = new ConcurrentHashMap<>();
  private final ReentrantLock bufferLock = new ReentrantLock();
  private final Condition notFull = bufferLock.newCondition();

  /** False once close() began. */
  @GuardedBy("bufferLock")
  private boolean accepting = true;

  private final KeyLocks keyLocks = new KeyLocks();
  private final Duration fullTimeout;
  private final Backoff backoff;
  private final int stillFailingAfter;
  private final ScheduledThreadPoolExecutor flusher;
  private final AtomicBoolean flushRequested = new AtomicBoolean();

  /**
   * The keys whose last database call failed, with their retry state. Changed by the flusher thread
   * only; a concurrent map so that close() can read it if the flusher is stuck in a call.
   */
  private final ConcurrentHashMap<K, Failure> failing = new ConcurrentHashMap<>();

  /** {@code failing.size()} after the last attempt; for the maxBatch trigger, approximate. */
  private volatile int backingOff;

  private volatile Thread flusherThread;
  private volatile ScheduledFuture<?> nextTick;
  private volatile boolean closing;

  /** The scheduled retry wake-up, and when it is due; flusher thread only. */
  private ScheduledFuture<?> retryWake;

  private long retryWakeAt;

  DefaultWriteBehindEngine(EngineContext context, CacheSpec spec, Store store) {
    super(context, spec, store);
    this.fullTimeout = context.writeBehindFullTimeout();
    this.backoff = context.retryBackoff();
    this.stillFailingAfter = context.stillFailingAfter();
    String threadName = "cachalot-flusher-" + spec.name();
    this.flusher =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, threadName);
              thread.setDaemon(true);
              flusherThread = thread;
              return thread;
            });
    flusher.setRemoveOnCancelPolicy(true);
    flusher.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Starts the periodic flush; called once, after construction. */
  void start() {
    scheduleTick(Time.nanos(spec.flushInterval()));
  }

  /** Adopts the merged settings; a new flush interval applies from the next tick on. */
  @Override
  void reconfigure(CacheSpec merged) {
    Duration before = spec.flushInterval();
    super.reconfigure(merged);
    if (!before.equals(merged.flushInterval())) {
      ScheduledFuture<?> tick = nextTick;
      if (tick != null && tick.cancel(false)) {
        scheduleTick(Time.nanos(merged.flushInterval()));
      }
    }
  }

  @Override
  Strategy strategy() {
    return Strategy.WRITE_BEHIND;
  }

  /** A decorator's view of this engine, whose writes the flusher writes with {@code batch}. */
  WriteBehindEngine<K, V> view(BatchWrite<V> batch) {
    return new View(batch);
  }

  // ---------------------------------------------------------------- writes

  void write(K key, V value, DeferredWrite write, BatchWrite<V> batch) {
    checkKey(key);
    Objects.requireNonNull(
        value, () -> "cache '" + name + "', key " + key + ": a write-behind write needs a value");
    Objects.requireNonNull(write, "write");
    context.lifecycle().checkOpen(name);
    enqueue(new Op<>(key, stored(value), write, batch));
    counters.writes.increment();
  }

  void delete(K key, DeferredWrite delete) {
    checkKey(key);
    Objects.requireNonNull(delete, "delete");
    context.lifecycle().checkOpen(name);
    enqueue(new Op<>(key, null, delete, null));
    counters.deletes.increment();
  }

  private void enqueue(Op<K, V> op) {
    int due;
    ReentrantLock keyLock = keyLocks.of(op.key);
    keyLock.lock();
    try {
      Op<K, V> previous = reserve(op);
      try {
        if (op.isDelete()) {
          invalidateKey(op.key);
        } else {
          cachePut(op.key, op.value);
        }
      } catch (RuntimeException e) {
        unreserve(op, previous);
        throw e;
      }
      op.commit();
      due = pending.size() - backingOff;
    } finally {
      keyLock.unlock();
    }
    events.emit(CacheEvent.Kind.ENQUEUE, name, op.key, 0, null);
    if (due >= spec.maxBatch()) {
      requestFlush();
    }
  }

  /**
   * Puts {@code op} into the buffer, waiting while the buffer is full and {@code op} is of a new
   * key; returns the op it replaced. The caller holds the key's lock.
   */
  private Op<K, V> reserve(Op<K, V> op) {
    bufferLock.lock();
    try {
      checkAccepting();
      long remaining = Time.nanos(fullTimeout);
      while (!pending.containsKey(op.key) && pending.size() >= spec.capacity()) {
        if (remaining <= 0) {
          throw new WriteBehindFullException(name, op.key, pending.size(), fullTimeout);
        }
        requestFlush();
        remaining = notFull.awaitNanos(remaining);
        checkAccepting();
      }
      // Under the key lock and bufferLock nobody else changes the key's op: this get and put are
      // one step.
      Op<K, V> previous = pending.get(op.key);
      op.previous = previous;
      pending.put(op.key, op);
      return previous;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CachalotException(
          "cache '"
              + name
              + "', key "
              + op.key
              + ": interrupted while waiting for room in the full write-behind buffer; the write"
              + " was not accepted",
          e);
    } finally {
      bufferLock.unlock();
    }
  }

  /** Takes {@code op} back out of the buffer, restoring the op it replaced. */
  private void unreserve(Op<K, V> op, Op<K, V> previous) {
    bufferLock.lock();
    try {
      if (pending.remove(op.key, op)) {
        if (previous != null) {
          pending.put(op.key, previous);
        } else {
          notFull.signalAll();
        }
      }
    } finally {
      bufferLock.unlock();
    }
  }

  @GuardedBy("bufferLock")
  private void checkAccepting() {
    if (!accepting) {
      throw new CachalotException("cache '" + name + "': Cachalot is closed");
    }
  }

  // ---------------------------------------------------------------- reads

  @Override
  Object pendingValue(K key) {
    Op<K, V> op = pending.get(key);
    if (op == null) {
      return null;
    }
    return op.isDelete() ? StoreCache.ABSENT : op.value;
  }

  // ---------------------------------------------------------------- flushing

  @Override
  long pendingWrites() {
    return pending.size();
  }

  @Override
  long writesStillFailing() {
    long count = 0;
    for (Failure failure : failing.values()) {
      if (failure.attempts() >= stillFailingAfter) {
        count++;
      }
    }
    return count;
  }

  @Override
  void flush() {
    context.lifecycle().checkOpen(name);
    FlushResult result;
    if (Thread.currentThread() == flusherThread) {
      result = attempt(Scope.ALL);
    } else {
      Future<FlushResult> future;
      try {
        future = flusher.submit(() -> attempt(Scope.ALL));
      } catch (RejectedExecutionException e) {
        throw new CachalotException("cache '" + name + "': Cachalot is closed", e);
      }
      try {
        result = future.get();
      } catch (CancellationException e) {
        throw new CachalotException("cache '" + name + "': Cachalot is closed", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CachalotException(
            "cache '" + name + "': interrupted while waiting for the flush", e);
      } catch (ExecutionException e) {
        throw new CachalotException(
            "cache '" + name + "': the flush failed: " + e.getCause(), e.getCause());
      }
    }
    if (result.failed() > 0) {
      throw new WriteBehindException(
          "cache '"
              + name
              + "': "
              + result.failed()
              + " of "
              + result.attempted()
              + " pending writes could not be written to the database ("
              + (result.failed() == 1 ? "key " : "keys ")
              + KeyLists.describe(result.failedKeys(), result.failed())
              + "); they stay pending and are retried with backoff; first failure: "
              + result.firstError(),
          result.failed(),
          result.failedKeys(),
          result.firstError());
    }
  }

  /** Asks the flusher for a flush now, unless one is already asked for. */
  private void requestFlush() {
    if (closing) {
      return;
    }
    if (flushRequested.compareAndSet(false, true)) {
      try {
        flusher.execute(this::requestedFlush);
      } catch (RejectedExecutionException e) {
        flushRequested.set(false); // closing
      }
    }
  }

  private void requestedFlush() {
    flushRequested.set(false);
    if (closing) {
      return;
    }
    try {
      attempt(Scope.DUE);
    } catch (RuntimeException e) {
      log.error("cache '{}': a write-behind flush failed unexpectedly", name, e);
    }
  }

  private void tick() {
    try {
      if (!closing) {
        attempt(Scope.DUE);
      }
    } catch (RuntimeException e) {
      log.error("cache '{}': a write-behind flush failed unexpectedly", name, e);
    } finally {
      scheduleTick(Time.nanos(spec.flushInterval()));
    }
  }

  private void scheduleTick(long delayNanos) {
    if (closing) {
      return;
    }
    try {
      nextTick = flusher.schedule(this::tick, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // shut down by close(): no more ticks
    }
  }

  private void retryTick() {
    retryWake = null;
    if (closing) {
      return;
    }
    try {
      attempt(Scope.RETRIES);
    } catch (RuntimeException e) {
      log.error("cache '{}': a write-behind retry failed unexpectedly", name, e);
    }
  }

  /**
   * Schedules a retry wake-up for the earliest due failing key, unless one is scheduled no later;
   * flusher thread only.
   */
  private void planRetryWake() {
    backingOff = failing.size();
    if (closing || failing.isEmpty()) {
      return;
    }
    long earliest = 0;
    boolean any = false;
    for (Failure failure : failing.values()) {
      if (!any || failure.dueNanos() - earliest < 0) {
        earliest = failure.dueNanos();
        any = true;
      }
    }
    ScheduledFuture<?> wake = retryWake;
    if (wake != null && !wake.isDone() && retryWakeAt - earliest <= 0) {
      return;
    }
    if (wake != null) {
      wake.cancel(false);
    }
    retryWakeAt = earliest;
    try {
      retryWake =
          flusher.schedule(
              this::retryTick, Math.max(0, earliest - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      retryWake = null; // shut down by close()
    }
  }

  /**
   * Writes the pending ops that {@code scope} selects, in chunks of at most maxBatch; runs on the
   * flusher thread only (or inline on it), so attempts never overlap.
   */
  private FlushResult attempt(Scope scope) {
    long now = System.nanoTime();
    List<K> keys = new ArrayList<>();
    for (K key : pending.keySet()) {
      if (scope.includes(failing.get(key), now)) {
        keys.add(key);
      }
    }
    Tally tally = new Tally();
    if (!keys.isEmpty()) {
      int size = keys.size();
      for (int from = 0; from < size; ) {
        int to = from + Math.min(spec.maxBatch(), size - from);
        writeChunk(keys.subList(from, to), tally);
        from = to;
      }
      counters.flushes.increment();
      long took = System.nanoTime() - now;
      counters.totalFlushTimeNanos.add(took);
      if (tally.written > 0) {
        events.emit(CacheEvent.Kind.FLUSH, name, null, took, null);
      }
      if (tally.failed > 0) {
        log.warn(
            "cache '{}': {} of {} pending writes failed to flush (keys {}); they stay pending and"
                + " are retried with backoff",
            name,
            tally.failed,
            tally.attempted,
            KeyLists.describe(tally.failedKeys, tally.failed),
            tally.firstError);
      }
    }
    planRetryWake();
    return new FlushResult(
        tally.attempted,
        tally.written,
        tally.failed,
        List.copyOf(tally.failedKeys),
        tally.firstError);
  }

  private void writeChunk(List<K> keys, Tally tally) {
    IdentityHashMap<BatchWrite<V>, List<Op<K, V>>> batches = new IdentityHashMap<>();
    List<Op<K, V>> singles = new ArrayList<>();
    for (K key : keys) {
      Op<K, V> current = pending.get(key);
      Op<K, V> op = current == null ? null : current.writable();
      if (op == null) {
        continue; // the key's first write is still being accepted: the next attempt writes it
      }
      tally.attempted++;
      if (op.batch != null && !op.isDelete() && !failing.containsKey(key)) {
        batches.computeIfAbsent(op.batch, batch -> new ArrayList<>()).add(op);
      } else {
        singles.add(op);
      }
    }
    for (Map.Entry<BatchWrite<V>, List<Op<K, V>>> batch : batches.entrySet()) {
      writeBatch(batch.getKey(), batch.getValue(), tally);
    }
    for (Op<K, V> op : singles) {
      Failure failure = failing.get(op.key);
      writeOne(op, failure == null ? 0 : failure.attempts(), tally);
    }
  }

  /** Writes {@code ops} (of keys that are not failing) with one call of {@code batch}. */
  private void writeBatch(BatchWrite<V> batch, List<Op<K, V>> ops, Tally tally) {
    List<V> values = new ArrayList<>(ops.size());
    for (Op<K, V> op : ops) {
      values.add(op.value);
    }
    long start = System.nanoTime();
    try {
      batch.writeAll(values);
    } catch (Throwable e) {
      long took = System.nanoTime() - start;
      keepInterrupt(e);
      counters.failedFlushAttempts.increment();
      events.emit(CacheEvent.Kind.FLUSH_FAILED, name, null, took, e, 1);
      log.debug(
          "cache '{}': a write-behind batch of {} failed; writing its writes one by one",
          name,
          ops.size(),
          e);
      // One bad row must not hold back the others: each op is tried at once with its own call.
      for (Op<K, V> op : ops) {
        writeOne(op, 1, tally);
      }
      return;
    }
    events.emit(CacheEvent.Kind.DATABASE_WRITE, name, null, System.nanoTime() - start, null);
    succeeded(ops, tally);
  }

  /** Writes {@code op} with its own call; {@code failedBefore} is its key's failures in a row. */
  private void writeOne(Op<K, V> op, int failedBefore, Tally tally) {
    long start = System.nanoTime();
    try {
      op.write.run();
    } catch (Throwable e) {
      failed(op.key, failedBefore + 1, System.nanoTime() - start, e, tally);
      return;
    }
    events.emit(CacheEvent.Kind.DATABASE_WRITE, name, op.key, System.nanoTime() - start, null);
    succeeded(List.of(op), tally);
  }

  /**
   * Removes the written ops from the buffer, unless a newer op of their key replaced them, and
   * resets their keys' retry state.
   */
  private void succeeded(List<Op<K, V>> ops, Tally tally) {
    // Counted before the ops leave the buffer: whoever sees the pending count drop sees them.
    tally.written += ops.size();
    counters.flushedWrites.add(ops.size());
    counters.flushCalls.increment();
    boolean removed = false;
    bufferLock.lock();
    try {
      for (Op<K, V> op : ops) {
        failing.remove(op.key);
        removed |= pending.remove(op.key, op);
      }
      if (removed) {
        notFull.signalAll();
      }
    } finally {
      bufferLock.unlock();
    }
  }

  /** Records the {@code attempt}-th failure in a row of {@code key} and schedules its retry. */
  private void failed(K key, int attempt, long took, Throwable error, Tally tally) {
    keepInterrupt(error);
    long delay = backoff.delayNanos(attempt, context.random().getAsDouble());
    tally.failed++;
    tally.failedKeys.add(key);
    if (tally.firstError == null) {
      tally.firstError = error;
    }
    counters.failedFlushAttempts.increment();
    events.emit(CacheEvent.Kind.FLUSH_FAILED, name, key, took, error, attempt);
    if (attempt >= stillFailingAfter) {
      events.emit(CacheEvent.Kind.WRITE_STILL_FAILING, name, key, 0, error, attempt);
      log.warn(
          "cache '{}', key {}: a write-behind write failed {} times in a row; it stays pending and"
              + " is retried in {} ms",
          name,
          key,
          attempt,
          TimeUnit.NANOSECONDS.toMillis(delay),
          error);
    }
    // The backoff counts from now, after the failure was reported and logged.
    failing.put(key, new Failure(attempt, System.nanoTime() + delay, error));
  }

  private static void keepInterrupt(Throwable error) {
    if (error instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- close

  /**
   * Stops accepting writes and starts the final flush on the flusher thread: attempts until the
   * buffer is empty or the next retry would start after {@code deadlineNanos} (a {@link
   * System#nanoTime} value).
   */
  Future<?> startClosing(long deadlineNanos) {
    closing = true;
    bufferLock.lock();
    try {
      accepting = false;
      notFull.signalAll();
    } finally {
      bufferLock.unlock();
    }
    ScheduledFuture<?> tick = nextTick;
    if (tick != null) {
      tick.cancel(false);
    }
    return flusher.submit(() -> drain(deadlineNanos));
  }

  private void drain(long deadlineNanos) {
    Scope scope = Scope.ALL;
    while (!pending.isEmpty()) {
      attempt(scope);
      scope = Scope.DUE;
      if (pending.isEmpty()) {
        return;
      }
      long next = nextDue();
      if (next - deadlineNanos > 0) {
        return; // the next retry would start after the deadline
      }
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(this, wait);
      }
      if (Thread.currentThread().isInterrupted()) {
        return; // close gave up waiting
      }
    }
  }

  /** When the next pending op is due; flusher thread only. */
  private long nextDue() {
    long now = System.nanoTime();
    long earliest = 0;
    boolean any = false;
    for (K key : pending.keySet()) {
      Failure failure = failing.get(key);
      long due = failure == null ? now + IDLE_NANOS : failure.dueNanos();
      if (!any || due - earliest < 0) {
        earliest = due;
        any = true;
      }
    }
    return any ? earliest : now;
  }

  /**
   * Waits for the final flush until {@code deadlineNanos}, stops the flusher thread and gives up
   * (reports) what is still pending.
   */
  Abandoned finishClosing(Future<?> drain, long deadlineNanos) {
    try {
      drain.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      log.warn(
          "cache '{}': the final write-behind flush did not finish before close timed out", name);
    } catch (ExecutionException e) {
      log.error("cache '{}': the final write-behind flush failed unexpectedly", name, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Runnable neverRun : flusher.shutdownNow()) {
      if (neverRun instanceof Future<?> task) {
        task.cancel(false); // a flush() still waiting for it gets "Cachalot is closed"
      }
    }
    try {
      if (!flusher.awaitTermination(100, TimeUnit.MILLISECONDS)) {
        log.warn("cache '{}': the flusher thread is still in a database call after close", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Object> left = new ArrayList<>(pending.keySet());
    Throwable error = null;
    for (Object key : left) {
      Failure failure = failing.get(key);
      if (failure != null && error == null) {
        error = failure.error();
      }
      events.emit(
          CacheEvent.Kind.WRITE_ABANDONED,
          name,
          key,
          0,
          failure == null ? null : failure.error(),
          failure == null ? 0 : failure.attempts());
    }
    counters.abandonedWrites.add(left.size());
    if (!left.isEmpty()) {
      log.error(
          "cache '{}': {} write-behind writes were not written to the database before close gave"
              + " up (keys {})",
          name,
          left.size(),
          KeyLists.describe(left, left.size()),
          error);
    }
    return new Abandoned(name, left.size(), left, error);
  }

  /** What close could not write for one cache: how many, their keys, the first error known. */
  record Abandoned(String cache, int count, List<Object> keys, Throwable error) {}

  /** Which pending ops an attempt writes. */
  private enum Scope {
    /** Ops of keys that are not failing, and of failing keys whose backoff elapsed. */
    DUE,
    /** Ops of failing keys whose backoff elapsed. */
    RETRIES,
    /** Every pending op (flush(), close()). */
    ALL;

    boolean includes(Failure failure, long now) {
      return switch (this) {
        case DUE -> failure == null || failure.dueNanos() - now <= 0;
        case RETRIES -> failure != null && failure.dueNanos() - now <= 0;
        case ALL -> true;
      };
    }
  }

  /** The retry state of a key whose last database call failed. */
  private record Failure(int attempts, long dueNanos, Throwable error) {}

  /** One pending write ({@code value} set) or delete ({@code value} null) of one key. */
  private static final class Op<K, V> {
    final K key;
    final V value;
    final DeferredWrite write;
    final BatchWrite<V> batch;

    /** The op this one replaced, until this one is committed; set under the key lock. */
    volatile Op<K, V> previous;

    /** Whether the write that made this op returned normally (its entry change succeeded). */
    private volatile boolean committed;

    Op(K key, V value, DeferredWrite write, BatchWrite<V> batch) {
      this.key = key;
      this.value = value;
      this.write = write;
      this.batch = batch;
    }

    boolean isDelete() {
      return value == null;
    }

    void commit() {
      committed = true;
      previous = null;
    }

    /**
     * What the flusher may write for this op now: the op itself once committed, before that the
     * committed op it replaced (or null for a key's first op).
     */
    Op<K, V> writable() {
      if (committed) {
        return this;
      }
      Op<K, V> replaced = previous;
      return committed ? this : replaced;
    }
  }

  private record FlushResult(
      int attempted, int written, int failed, List<Object> failedKeys, Throwable firstError) {}

  /** The tally of one flush attempt; used by the flusher thread only. */
  private static final class Tally {
    int attempted;
    int written;
    int failed;
    final List<Object> failedKeys = new ArrayList<>();
    Throwable firstError;
  }

  /** A decorator's view: the shared engine, with the decorator's batch method. */
  private final class View implements WriteBehindEngine<K, V> {
    private final BatchWrite<V> batch;

    View(BatchWrite<V> batch) {
      this.batch = batch;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public V getIfPresent(K key) {
      return DefaultWriteBehindEngine.this.getIfPresent(key);
    }

    @Override
    public Loading<V> startLoad(K key) {
      return DefaultWriteBehindEngine.this.startLoad(key);
    }

    @Override
    public void invalidate(K key) {
      DefaultWriteBehindEngine.this.invalidate(key);
    }

    @Override
    public void invalidateAll() {
      DefaultWriteBehindEngine.this.invalidateAll();
    }

    @Override
    public void write(K key, V value, DeferredWrite write) {
      DefaultWriteBehindEngine.this.write(key, value, write, batch);
    }

    @Override
    public void delete(K key, DeferredWrite delete) {
      DefaultWriteBehindEngine.this.delete(key, delete);
    }

    @Override
    public String toString() {
      return "write-behind " + spec;
    }
  }
}
