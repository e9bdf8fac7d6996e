package dev.cachalot;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Design note: write-behind.
 *
 * The buffer. `pending` maps a key to its one pending Op (a write with its value, or a delete
 * tombstone); a newer op of the key replaces the older one (coalescing, latest wins). Every change
 * of `pending`'s key set (insert of a new key, removal) happens under `bufferLock`, so the capacity
 * check and the insert are atomic, and `notFull` is signalled whenever a key leaves. Reads look into
 * `pending` without a lock (a ConcurrentHashMap), after a store miss.
 *
 * Per-key order between writers. A write holds the striped lock of its key (KeyLocks) while it
 * inserts its op and then changes the cache entry, so two writers of one key cannot leave the cache
 * holding one's value and the buffer the other's. The op goes into the buffer before the entry
 * changes, which is what AbstractEngine's stale-fill protection needs ("the new state is where loads
 * read it before the version bump": a load that misses the cache then finds the op in `pending`).
 * If changing the entry fails, the op is taken back out, so a failed write changes nothing.
 *
 * The flusher. Each write-behind cache has one flusher thread (a single-threaded scheduler), and
 * every flush of the cache runs on it: the periodic tick, the flush requested when `pending`
 * reaches maxBatch, an explicit flush() and the final flush of close(). So flushes of one cache
 * never overlap, and the database sees the ops of one key in the order they were made. A flush
 * takes a snapshot of `pending`, writes it in chunks of at most maxBatch (values of a decorator with
 * a batch method go through that method, grouped per decorator view; deletes and the rest run their
 * own DatabaseWrite), and removes an op from `pending` only when it was written AND is still the
 * key's current op (remove(key, op) is by identity): a newer op that arrived meanwhile stays pending
 * for the next flush. An op whose database call failed simply stays pending and is retried by the
 * next tick; after a failure the maxBatch trigger pauses and the tick is scheduled after
 * retryDelayNanos (the one place where backoff goes).
 */

/**
 * The write-behind engine of one named cache, shared by every decorator that names the cache;
 * decorators get {@linkplain #view views} that tag their writes with their own batch method.
 * Thread-safe; writes block only while the buffer is full, {@link #flush} blocks until the pending
 * writes are in the database.
 */
final class DefaultWriteBehindEngine<K, V> extends AbstractEngine<K, V> {

  private static final Logger log = LoggerFactory.getLogger(DefaultWriteBehindEngine.class);

  private final ConcurrentHashMap<K, Op<K, V>> pending = new ConcurrentHashMap<>();
  private final ReentrantLock bufferLock = new ReentrantLock();
  private final Condition notFull = bufferLock.newCondition();

  /** False once close() began; guarded by {@link #bufferLock}. */
  private boolean accepting = true;

  private final KeyLocks keyLocks = new KeyLocks();
  private final Duration fullTimeout;
  private final ScheduledThreadPoolExecutor flusher;
  private final AtomicBoolean flushRequested = new AtomicBoolean();
  private final AtomicInteger consecutiveFailures = new AtomicInteger();

  private volatile Thread flusherThread;
  private volatile ScheduledFuture<?> nextTick;
  private volatile boolean closing;
  private volatile Throwable lastFlushError;

  DefaultWriteBehindEngine(
      Cachalot owner, CacheSpec<K, V> spec, StoreCache<K, V> store, Duration fullTimeout) {
    super(owner, spec, store);
    this.fullTimeout = fullTimeout;
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
    scheduleTick(nanos(spec.flushInterval()));
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

  void write(K key, V value, DatabaseWrite<?> write, BatchWrite<V> batch) {
    checkKey(key);
    Objects.requireNonNull(
        value, () -> "cache '" + name + "', key " + key + ": a write-behind write needs a value");
    Objects.requireNonNull(write, "write");
    owner.checkOpen(name);
    enqueue(new Op<>(key, value, write, batch));
    counters.writes.increment();
  }

  void delete(K key, DatabaseWrite<?> delete) {
    checkKey(key);
    Objects.requireNonNull(delete, "delete");
    owner.checkOpen(name);
    enqueue(new Op<>(key, null, delete, null));
    counters.deletes.increment();
  }

  private void enqueue(Op<K, V> op) {
    int size;
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
      size = pending.size();
    } finally {
      keyLock.unlock();
    }
    events.emit(CacheEvent.Kind.ENQUEUE, name, op.key, 0, null);
    if (size >= spec.maxBatch()) {
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
      long remaining = nanos(fullTimeout);
      while (!pending.containsKey(op.key) && pending.size() >= spec.capacity()) {
        if (remaining <= 0) {
          throw new WriteBehindFullException(name, op.key, pending.size(), fullTimeout);
        }
        requestFlush();
        remaining = notFull.awaitNanos(remaining);
        checkAccepting();
      }
      return pending.put(op.key, op);
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
  void flush() {
    owner.checkOpen(name);
    FlushResult result;
    if (Thread.currentThread() == flusherThread) {
      result = attempt();
    } else {
      Future<FlushResult> future;
      try {
        future = flusher.submit(this::attempt);
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
              + " pending writes could not be written to the database; they stay pending and"
              + " are retried: "
              + result.firstError(),
          result.failed(),
          result.firstError());
    }
  }

  /** Asks the flusher for a flush now, unless one is already asked for or the flusher backs off. */
  private void requestFlush() {
    if (closing || consecutiveFailures.get() > 0) {
      return; // backing off after a failure: the next tick retries
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
    try {
      attempt();
    } catch (RuntimeException e) {
      log.error("cache '{}': a write-behind flush failed unexpectedly", name, e);
    }
  }

  private void tick() {
    try {
      attempt();
    } catch (RuntimeException e) {
      log.error("cache '{}': a write-behind flush failed unexpectedly", name, e);
    } finally {
      int failures = consecutiveFailures.get();
      scheduleTick(failures == 0 ? nanos(spec.flushInterval()) : retryDelayNanos());
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

  /**
   * How long to wait before retrying after a failed flush attempt. This is the one place for
   * exponential backoff (from {@link #consecutiveFailures}, the failed attempts in a row); for now
   * it retries at the flush interval.
   */
  private long retryDelayNanos() {
    return nanos(spec.flushInterval());
  }

  /**
   * Writes every op pending now, in chunks of at most maxBatch; runs on the flusher thread only (or
   * inline on it), so attempts never overlap.
   */
  private FlushResult attempt() {
    if (pending.isEmpty()) {
      return new FlushResult(0, 0, null);
    }
    long start = System.nanoTime();
    List<Op<K, V>> snapshot = new ArrayList<>(pending.values());
    Attempt attempt = new Attempt();
    int size = snapshot.size();
    for (int from = 0; from < size; ) {
      int to = from + Math.min(spec.maxBatch(), size - from);
      writeChunk(snapshot.subList(from, to), attempt);
      from = to;
    }
    counters.flushes.increment();
    if (attempt.failed == 0) {
      consecutiveFailures.set(0);
    } else {
      int failures = consecutiveFailures.incrementAndGet();
      log.warn(
          "cache '{}': {} of {} pending writes failed to flush (attempt {} in a row); they stay"
              + " pending and are retried in {} ms",
          name,
          attempt.failed,
          size,
          failures,
          TimeUnit.NANOSECONDS.toMillis(retryDelayNanos()),
          attempt.firstError);
    }
    if (attempt.written > 0) {
      events.emit(CacheEvent.Kind.FLUSH, name, null, System.nanoTime() - start, null);
    }
    return new FlushResult(attempt.written, attempt.failed, attempt.firstError);
  }

  private void writeChunk(List<Op<K, V>> chunk, Attempt attempt) {
    IdentityHashMap<BatchWrite<V>, List<Op<K, V>>> batches = new IdentityHashMap<>();
    List<Op<K, V>> singles = new ArrayList<>();
    for (Op<K, V> op : chunk) {
      if (op.batch != null && !op.isDelete()) {
        batches.computeIfAbsent(op.batch, batch -> new ArrayList<>()).add(op);
      } else {
        singles.add(op);
      }
    }
    for (Map.Entry<BatchWrite<V>, List<Op<K, V>>> batch : batches.entrySet()) {
      writeBatch(batch.getKey(), batch.getValue(), attempt);
    }
    for (Op<K, V> op : singles) {
      writeOne(op, attempt);
    }
  }

  private void writeBatch(BatchWrite<V> batch, List<Op<K, V>> ops, Attempt attempt) {
    List<V> values = new ArrayList<>(ops.size());
    for (Op<K, V> op : ops) {
      values.add(op.value);
    }
    try {
      batch.writeAll(values);
    } catch (Throwable e) {
      failed(null, ops.size(), e, attempt);
      return;
    }
    written(ops, attempt);
  }

  private void writeOne(Op<K, V> op, Attempt attempt) {
    try {
      op.write.run();
    } catch (Throwable e) {
      failed(op.key, 1, e, attempt);
      return;
    }
    written(List.of(op), attempt);
  }

  /** Removes the written ops from the buffer, unless a newer op of their key replaced them. */
  private void written(List<Op<K, V>> ops, Attempt attempt) {
    boolean removed = false;
    bufferLock.lock();
    try {
      for (Op<K, V> op : ops) {
        removed |= pending.remove(op.key, op);
      }
      if (removed) {
        notFull.signalAll();
      }
    } finally {
      bufferLock.unlock();
    }
    attempt.written += ops.size();
    counters.flushedWrites.add(ops.size());
  }

  private void failed(Object key, int ops, Throwable error, Attempt attempt) {
    if (error instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    attempt.failed += ops;
    if (attempt.firstError == null) {
      attempt.firstError = error;
    }
    lastFlushError = error;
    counters.failedFlushAttempts.increment();
    events.emit(CacheEvent.Kind.FLUSH_FAILED, name, key, 0, error);
  }

  // ---------------------------------------------------------------- close

  /**
   * Stops accepting writes and starts the final flush on the flusher thread: attempts until the
   * buffer is empty or {@code deadlineNanos} (a {@link System#nanoTime} value) passes.
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
    while (!pending.isEmpty()) {
      FlushResult result = attempt();
      if (result.failed() == 0) {
        continue;
      }
      long wait = retryDelayNanos();
      if (System.nanoTime() + wait - deadlineNanos >= 0) {
        return; // the next retry would start after the deadline
      }
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Waits for the final flush until {@code deadlineNanos}, stops the flusher thread and gives up
   * (reports) what is still pending; returns how many writes were given up.
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
    List<Op<K, V>> left = new ArrayList<>(pending.values());
    Throwable error = left.isEmpty() ? null : lastFlushError;
    for (Op<K, V> op : left) {
      events.emit(CacheEvent.Kind.WRITE_ABANDONED, name, op.key, 0, error);
    }
    if (!left.isEmpty()) {
      log.error(
          "cache '{}': {} write-behind writes were not written to the database before close gave"
              + " up",
          name,
          left.size(),
          error);
    }
    return new Abandoned(name, left.size(), error);
  }

  /** What close could not write for one cache. */
  record Abandoned(String cache, int count, Throwable error) {}

  // ---------------------------------------------------------------- helpers

  static long nanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** One pending write ({@code value} set) or delete ({@code value} null) of one key. */
  private static final class Op<K, V> {
    final K key;
    final V value;
    final DatabaseWrite<?> write;
    final BatchWrite<V> batch;

    Op(K key, V value, DatabaseWrite<?> write, BatchWrite<V> batch) {
      this.key = key;
      this.value = value;
      this.write = write;
      this.batch = batch;
    }

    boolean isDelete() {
      return value == null;
    }
  }

  private record FlushResult(int written, int failed, Throwable firstError) {}

  /** The tally of one flush attempt; used by the flusher thread only. */
  private static final class Attempt {
    int written;
    int failed;
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
    public <X extends Throwable> V load(K key, DatabaseCall<? extends V, X> loader) throws X {
      return DefaultWriteBehindEngine.this.load(key, loader);
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
    public void write(K key, V value, DatabaseWrite<?> write) {
      DefaultWriteBehindEngine.this.write(key, value, write, batch);
    }

    @Override
    public void delete(K key, DatabaseWrite<?> delete) {
      DefaultWriteBehindEngine.this.delete(key, delete);
    }

    @Override
    public String toString() {
      return "write-behind " + spec;
    }
  }
}
