package dev.cachalot;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cachalot.annotations.Strategy;
import dev.cachalot.internal.BatchWrite;
import dev.cachalot.internal.DeferredWrite;
import dev.cachalot.internal.Loading;
import dev.cachalot.internal.WriteBehindEngine;
import dev.cachalot.internal.WriteBehindMethod;
import dev.cachalot.internal.WriteCall;
import dev.cachalot.store.EntryCodec;
import dev.cachalot.store.Store;
import dev.cachalot.store.StoreCache;
import dev.cachalot.store.WriteBehindLog;
import dev.cachalot.store.WriteBehindLogException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * Durable logs. With a WriteBehindLog (a local journal, a Redis Stream) the buffer above is
 * unchanged, and the log keeps a copy of every op that matters after a crash. A write appends its
 * entry (key and value through the Cachalot's EntryCodec, and the id of the DAO method that made it)
 * after its op is reserved and before its cache entry changes; the caller is acknowledged when the
 * append returned, i.e. once the entry is durable. A failed append takes the op back out, so the
 * caller's exception means "not written, not kept". A failed cache change after the append revokes
 * the entry (durably) before the caller's exception, so the log never replays a write whose caller
 * got an exception. The op an appended one replaced is reported `superseded` by the flusher (a queue
 * drained at each attempt, so writers do not pay for it), and every op the database took is
 * reported `written`. Before each database call the flusher asks the log to `claim` the ops: a log
 * shared by several processes answers BUSY for a key another process is writing and SUPERSEDED for
 * an op of which it holds a newer entry, which keeps per-key order across processes. An op is
 * replayed by its method id: the call that wrote it is not kept (it is a closure over the DAO), so
 * every write method of a durable cache must be rebuildable from its key and value (rules' Replay;
 * a method that is not is refused when its decorator is created). Entries the log returns at open
 * (recovered after a restart) or hands over later (adopted from a process that died) become
 * committed ops of the buffer, without a capacity check (they were acknowledged already); they wait,
 * unwritten but readable, until a decorator binds their method id, and an op of a key that has a
 * newer one is dropped as superseded. A log with a maximum number of deliveries gets an op that
 * failed that often as a dead letter; without one an op is retried for ever, as in memory. close()
 * gives up nothing that is in a durable log: what it could not write stays there for the next start.
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

  /** The durable log of the cache, or null when its writes live in the heap only. */
  private final WriteBehindLog.CacheLog writeLog;

  /** What {@link #writeLog} is, for messages. */
  private final String logName;

  /** The codec of the log's entries; null without a log. */
  private final EntryCodec codec;

  /** The write methods the decorators bound, by id: how recovered and adopted ops are written. */
  private final ConcurrentHashMap<String, Binding<K, V>> methods = new ConcurrentHashMap<>();

  /** Entries the log took over from another process, for the flusher to take into the buffer. */
  private final ConcurrentLinkedQueue<WriteBehindLog.Entry> adopted = new ConcurrentLinkedQueue<>();

  /** Log entries made redundant by a newer entry of their key, to report at the next attempt. */
  private final ConcurrentLinkedQueue<WriteBehindLog.Entry> superseded =
      new ConcurrentLinkedQueue<>();

  /**
   * The engine of the cache {@code spec} describes, keeping its acknowledged writes in {@code log}
   * (null: in the heap only) with entries encoded by {@code codec}. Opens the log of the cache.
   */
  DefaultWriteBehindEngine(
      EngineContext context, CacheSpec spec, Store store, WriteBehindLog log, EntryCodec codec) {
    super(context, spec, store);
    if (log != null) {
      Objects.requireNonNull(codec, "codec");
    }
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
    this.codec = codec;
    this.logName = log == null ? "the heap" : log.toString();
    // Last, as the log may hand over entries (adopt) from its own thread once it is open.
    this.writeLog = log == null ? null : log.open(spec, this::adopt);
  }

  /**
   * Takes what the log recovered into the buffer and starts the periodic flush; called once, after
   * construction. If it throws (an entry the codec cannot read), the engine is closed again and
   * nothing of the log is lost.
   */
  void start() {
    if (writeLog != null) {
      List<WriteBehindLog.Entry> recovered;
      List<Op<K, V>> ops;
      try {
        recovered = writeLog.recovered();
        ops = decode(recovered, "recovered from");
      } catch (RuntimeException e) {
        flusher.shutdownNow();
        writeLog.close();
        throw e;
      }
      if (!ops.isEmpty()) {
        counters.recoveredWrites.add(take(ops, CacheEvent.Kind.WRITE_RECOVERED));
        log.info(
            "cache '{}': recovered {} acknowledged write-behind writes from {}; writing them to the"
                + " database",
            name,
            ops.size(),
            logName);
      }
    }
    scheduleTick(Time.nanos(spec.flushInterval()));
    if (!pending.isEmpty()) {
      requestFlush();
    }
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

  /** A write of a method whose call comes with it (not replayable). */
  void write(K key, V value, DeferredWrite write, BatchWrite<V> batch) {
    checkWrite(key, value);
    Objects.requireNonNull(write, "write");
    requireInMemory(
        "this write", "it comes with a call that cannot be rebuilt from its key and value");
    enqueue(new Op<>(key, stored(value), write, batch, null, null, null));
    counters.writes.increment();
  }

  /** A delete of a method whose call comes with it (not replayable). */
  void delete(K key, DeferredWrite delete) {
    checkKey(key);
    Objects.requireNonNull(delete, "delete");
    context.lifecycle().checkOpen(name);
    requireInMemory("this delete", "it comes with a call that cannot be rebuilt from its key");
    enqueue(new Op<>(key, null, delete, null, null, null, null));
    counters.deletes.increment();
  }

  /** A write of the bound method {@code method}. */
  void write(Binding<K, V> method, K key, V value) {
    checkWrite(key, value);
    enqueue(new Op<>(key, stored(value), null, null, method, method.id(), null));
    counters.writes.increment();
  }

  /** A delete of the bound method {@code method}. */
  void delete(Binding<K, V> method, K key) {
    checkKey(key);
    context.lifecycle().checkOpen(name);
    enqueue(new Op<>(key, null, null, null, method, method.id(), null));
    counters.deletes.increment();
  }

  private void checkWrite(K key, V value) {
    checkKey(key);
    Objects.requireNonNull(
        value, () -> "cache '" + name + "', key " + key + ": a write-behind write needs a value");
    context.lifecycle().checkOpen(name);
  }

  /** Refuses {@code method}, whose writes cannot be replayed, if the cache has a durable log. */
  void requireInMemory(String method, String reason) {
    if (writeLog != null) {
      throw new CachalotException(
          "cache '"
              + name
              + "' keeps its write-behind writes in "
              + logName
              + ", but "
              + method
              + " cannot be replayed from it: "
              + reason
              + ". Make each parameter of the method its value or a whole part of its key, or keep"
              + " this cache in memory (Cachalot.builder().writeBehindInMemory(\""
              + name
              + "\"))");
    }
  }

  private void enqueue(Op<K, V> op) {
    int due;
    ReentrantLock keyLock = keyLocks.of(op.key);
    keyLock.lock();
    try {
      Op<K, V> previous = reserve(op);
      try {
        if (writeLog != null) {
          op.entry = append(op);
        }
        try {
          if (op.isDelete()) {
            invalidateKey(op.key);
          } else {
            cachePut(op.key, op.value);
          }
        } catch (RuntimeException e) {
          if (op.entry != null) {
            revoke(op, e);
          }
          throw e;
        }
      } catch (RuntimeException e) {
        unreserve(op, previous);
        throw e;
      }
      op.commit();
      if (previous != null && previous.entry != null) {
        superseded.add(previous.entry);
      }
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

  /** Makes {@code op} durable in the log; the caller holds the key's lock. */
  private WriteBehindLog.Entry append(Op<K, V> op) {
    String key;
    byte[] value;
    try {
      key = codec.encodeKey(spec, op.key);
      value = op.isDelete() ? null : codec.encodeValue(spec, op.value);
    } catch (RuntimeException e) {
      throw new WriteBehindLogException(
          "cache '"
              + name
              + "', key "
              + op.key
              + ": the write could not be encoded for "
              + logName
              + " and was not accepted: "
              + e.getMessage(),
          e);
    }
    return writeLog.append(op.methodId, key, value);
  }

  /**
   * Revokes the entry of {@code op}, whose cache change failed with {@code failure}, so that the
   * log never replays it; a revocation that fails too is added to {@code failure}.
   */
  private void revoke(Op<K, V> op, RuntimeException failure) {
    try {
      writeLog.revoked(op.entry);
    } catch (RuntimeException e) {
      // The entry stays in the log and may be replayed: say so, loudly, with the cache's failure.
      log.error(
          "cache '{}', key {}: the write failed, and its entry could not be revoked in {}: it may"
              + " be written to the database after a restart",
          name,
          op.key,
          logName,
          e);
      failure.addSuppressed(e);
    }
  }

  /**
   * Decodes log entries into committed ops, with the method ids they name; {@code what} says where
   * they come from, for the error.
   *
   * @throws WriteBehindLogException when an entry does not decode: the engine does not start over
   *     acknowledged writes it cannot write
   */
  private List<Op<K, V>> decode(List<WriteBehindLog.Entry> entries, String what) {
    List<Op<K, V>> ops = new ArrayList<>(entries.size());
    List<String> undecodable = new ArrayList<>();
    RuntimeException first = null;
    for (WriteBehindLog.Entry entry : entries) {
      try {
        @SuppressWarnings("unchecked") // the codec decodes for the cache's key and value types
        K key = (K) codec.decodeKey(spec, entry.key());
        @SuppressWarnings("unchecked")
        V value = entry.value() == null ? null : (V) codec.decodeValue(spec, entry.value());
        Op<K, V> op = new Op<>(key, value, null, null, null, entry.method(), entry);
        op.commit();
        ops.add(op);
      } catch (RuntimeException e) {
        undecodable.add(entry.key());
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw new WriteBehindLogException(
          "cache '"
              + name
              + "': "
              + undecodable.size()
              + " acknowledged write-behind writes "
              + what
              + " "
              + logName
              + " cannot be decoded as "
              + spec
              + " (keys "
              + KeyLists.describe(undecodable, undecodable.size())
              + "): "
              + first.getMessage()
              + ". They are still in the log; start with the key and value types that wrote"
              + " them to write them to the database",
          first);
    }
    return ops;
  }

  /**
   * Takes committed ops from the log into the buffer, past the capacity check (they were
   * acknowledged already); an op of a key whose pending op is newer is superseded instead.
   */
  private int take(List<Op<K, V>> ops, CacheEvent.Kind kind) {
    int taken = 0;
    for (Op<K, V> op : ops) {
      ReentrantLock keyLock = keyLocks.of(op.key);
      keyLock.lock();
      try {
        bufferLock.lock();
        try {
          Op<K, V> current = pending.get(op.key);
          if (current != null && op.entry.equals(current.entry)) {
            continue; // handed over again: the buffer has it
          }
          if (current != null && current.entry != null && !op.entry.isAfter(current.entry)) {
            superseded.add(op.entry);
            continue;
          }
          pending.put(op.key, op);
          if (current != null && current.entry != null) {
            superseded.add(current.entry);
          }
        } finally {
          bufferLock.unlock();
        }
        invalidateKey(op.key); // a read finds the op in the buffer from now on
      } finally {
        keyLock.unlock();
      }
      taken++;
      events.emit(kind, name, op.key, 0, null);
    }
    return taken;
  }

  /**
   * Entries another process left, handed over by the log (from any thread): queued, and taken into
   * the buffer by the flusher at its next attempt, so that the log's thread never waits for a lock
   * of the engine.
   */
  private void adopt(List<WriteBehindLog.Entry> entries) {
    if (closing) {
      return; // they stay in the log, for another process or the next start
    }
    adopted.addAll(entries);
    requestFlush();
  }

  /** Takes the adopted entries into the buffer; flusher thread only. */
  private void takeAdopted() {
    if (adopted.isEmpty()) {
      return;
    }
    List<WriteBehindLog.Entry> entries = new ArrayList<>();
    for (WriteBehindLog.Entry entry; (entry = adopted.poll()) != null; ) {
      entries.add(entry);
    }
    List<Op<K, V>> ops;
    try {
      ops = decode(entries, "taken over from");
    } catch (WriteBehindLogException e) {
      // Not taken: the entries stay the log's, which hands them to another process or back later.
      log.error("cache '{}': {}", name, e.getMessage(), e);
      writeLog.released(entries);
      return;
    }
    int taken = take(ops, CacheEvent.Kind.WRITE_TAKEN_OVER);
    counters.takenOverWrites.add(taken);
    if (taken > 0) {
      log.info(
          "cache '{}': took over {} write-behind writes from {} that another process acknowledged",
          name,
          taken,
          logName);
    }
  }

  /** Binds a write method of a decorator; ops waiting for its id are written from now on. */
  private Binding<K, V> bind(String id, WriteCall<? super K, V> call, BatchWrite<V> batch) {
    Binding<K, V> binding =
        new Binding<>(Objects.requireNonNull(id, "methodId"), Objects.requireNonNull(call), batch);
    methods.put(id, binding);
    if (writeLog != null && !pending.isEmpty()) {
      requestFlush();
    }
    return binding;
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
    if (result.deferred() > 0) {
      throw new WriteBehindException(
          "cache '"
              + name
              + "': "
              + result.deferred()
              + " pending writes were not written: "
              + deferredReason(result.unbound()),
          result.deferred(),
          List.of(),
          null);
    }
  }

  /** Why writes were deferred, for flush() and close(): unbound method ids, or other processes. */
  private String deferredReason(Set<String> unbound) {
    String busy = "their keys are being written by another process that shares " + logName;
    if (unbound.isEmpty()) {
      return busy;
    }
    return "they were recovered from "
        + logName
        + " and wait for a decorator of their methods ("
        + String.join(", ", unbound)
        + ") to be created (if a method was renamed or removed, decorate an interface that still"
        + " has it to write them), or "
        + busy;
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
    if (writeLog != null) {
      takeAdopted();
      reportSuperseded();
    }
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
        tally.firstError,
        tally.deferred,
        Set.copyOf(tally.unbound));
  }

  private void writeChunk(List<K> keys, Tally tally) {
    List<Op<K, V>> ops = new ArrayList<>(keys.size());
    for (K key : keys) {
      Op<K, V> current = pending.get(key);
      if (current == null) {
        continue;
      }
      // With a log, a key whose newer write is still being accepted waits for it: the write it
      // replaces must not be claimed (and perhaps dropped by the log) while the newer one may yet
      // be revoked. In the heap, the flusher writes the replaced one meanwhile.
      Op<K, V> op = writeLog != null ? current.committedOrNull() : current.writable();
      if (op == null) {
        continue; // the key's first write is still being accepted: the next attempt writes it
      }
      if (!op.resolve(methods)) {
        tally.unbound.add(op.methodId);
        tally.deferred++;
        continue; // a recovered op waits for a decorator to bind its method
      }
      ops.add(op);
    }
    if (writeLog != null) {
      ops = claimed(ops, tally);
    }
    IdentityHashMap<BatchWrite<V>, List<Op<K, V>>> batches = new IdentityHashMap<>();
    List<Op<K, V>> singles = new ArrayList<>();
    for (Op<K, V> op : ops) {
      tally.attempted++;
      BatchWrite<V> batch = op.batch();
      if (batch != null && !op.isDelete() && !failing.containsKey(op.key)) {
        batches.computeIfAbsent(batch, unused -> new ArrayList<>()).add(op);
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

  /**
   * The ops of {@code ops} the log lets this process write now; those of which it holds a newer
   * entry leave the buffer, those another process is writing wait for the next attempt.
   */
  private List<Op<K, V>> claimed(List<Op<K, V>> ops, Tally tally) {
    if (ops.isEmpty()) {
      return ops;
    }
    List<WriteBehindLog.Entry> entries = new ArrayList<>(ops.size());
    for (Op<K, V> op : ops) {
      entries.add(op.entry);
    }
    List<WriteBehindLog.Claim> claims = writeLog.claim(entries);
    if (claims.size() != ops.size()) {
      throw new IllegalStateException(
          logName + " answered " + claims.size() + " claims for " + ops.size() + " entries");
    }
    List<Op<K, V>> granted = new ArrayList<>(ops.size());
    List<Op<K, V>> dropped = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      switch (claims.get(i)) {
        case WRITE -> granted.add(ops.get(i));
        case SUPERSEDED -> dropped.add(ops.get(i));
        case BUSY -> tally.deferred++; // another process writes the key: ask again next time
      }
    }
    if (!dropped.isEmpty()) {
      remove(dropped);
    }
    return granted;
  }

  /**
   * Reports the entries that newer ones of their keys replaced; flusher thread only. Entries leave
   * the queue only once the log took them, so a failing log hears them again next time.
   */
  private void reportSuperseded() {
    if (writeLog == null || superseded.isEmpty()) {
      return;
    }
    List<WriteBehindLog.Entry> entries = new ArrayList<>();
    for (WriteBehindLog.Entry entry : superseded) {
      entries.add(entry);
    }
    try {
      writeLog.superseded(entries);
    } catch (RuntimeException e) {
      log.warn(
          "cache '{}': {} could not take the report of {} superseded entries; it hears them again"
              + " at the next flush",
          name,
          logName,
          entries.size(),
          e);
      return;
    }
    for (int i = 0; i < entries.size(); i++) {
      superseded.poll(); // a FIFO with one consumer: the head is the entry reported
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
      op.run();
    } catch (Throwable e) {
      failed(op, failedBefore + 1, System.nanoTime() - start, e, tally);
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
    if (writeLog != null) {
      List<WriteBehindLog.Entry> entries = new ArrayList<>(ops.size());
      for (Op<K, V> op : ops) {
        entries.add(op.entry);
      }
      writeLog.written(entries);
    }
    remove(ops);
  }

  /**
   * Removes {@code ops} from the buffer, unless a newer op of their key replaced them, and resets
   * their keys' retry state.
   */
  private void remove(List<Op<K, V>> ops) {
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

  /**
   * Records the {@code attempt}-th failure in a row of {@code op} and schedules its retry, or, when
   * the log limits deliveries and the op reached the limit, hands it to the log as a dead letter.
   */
  private void failed(Op<K, V> op, int attempt, long took, Throwable error, Tally tally) {
    K key = op.key;
    keepInterrupt(error);
    if (writeLog != null) {
      writeLog.released(List.of(op.entry));
      op.failures++;
      int limit = writeLog.maxDeliveries();
      if (limit > 0 && op.failures + op.entry.deliveries() >= limit) {
        deadLetter(op, attempt, took, error, tally);
        return;
      }
    }
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

  /** Gives {@code op} to the log as a dead letter and takes it out of the buffer. */
  private void deadLetter(Op<K, V> op, int attempt, long took, Throwable error, Tally tally) {
    int deliveries = op.failures + op.entry.deliveries();
    tally.failed++;
    tally.failedKeys.add(op.key);
    if (tally.firstError == null) {
      tally.firstError = error;
    }
    counters.failedFlushAttempts.increment();
    events.emit(CacheEvent.Kind.FLUSH_FAILED, name, op.key, took, error, attempt);
    try {
      writeLog.deadLetter(op.entry, deliveries, error);
    } catch (RuntimeException e) {
      // Not moved: the op stays pending and is retried, and the next failure tries again.
      log.error(
          "cache '{}', key {}: a write that failed {} deliveries could not be moved to the dead"
              + " letters of {}; it stays pending",
          name,
          op.key,
          deliveries,
          logName,
          e);
      failing.put(
          op.key,
          new Failure(
              attempt,
              System.nanoTime() + backoff.delayNanos(attempt, context.random().getAsDouble()),
              error));
      return;
    }
    counters.deadLetteredWrites.increment();
    events.emit(CacheEvent.Kind.WRITE_DEAD_LETTERED, name, op.key, 0, error, attempt);
    log.error(
        "cache '{}', key {}: a write-behind write failed {} deliveries and was moved to the dead"
            + " letters of {}; it is no longer retried",
        name,
        op.key,
        deliveries,
        logName,
        error);
    remove(List.of(op));
    // The cache must not keep serving a value the database will never have; a newer write of the
    // key, if any, is in the buffer, where reads find it.
    invalidateKey(op.key);
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
      FlushResult result = attempt(scope);
      scope = Scope.DUE;
      if (pending.isEmpty()) {
        return;
      }
      if (writeLog != null && result.written() == 0 && result.failed() == 0) {
        // Nothing could be attempted (other processes' keys, unbound methods): the writes stay in
        // the log, and waiting would only spin until the deadline.
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
      if (!pending.isEmpty()) { // with nothing pending, there was nothing to wait for
        log.warn(
            "cache '{}': the final write-behind flush did not finish before close timed out", name);
      }
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
    boolean stopped = false;
    try {
      stopped = flusher.awaitTermination(100, TimeUnit.MILLISECONDS);
      if (!stopped) {
        log.warn("cache '{}': the flusher thread is still in a database call after close", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Object> left = new ArrayList<>(pending.keySet());
    if (writeLog != null) {
      if (stopped) {
        reportSuperseded();
        writeLog.close();
      } else {
        closeLogWhenFlusherStops();
      }
      if (!left.isEmpty()) {
        log.warn(
            "cache '{}': {} write-behind writes were not written to the database before close gave"
                + " up (keys {}); they stay in {} and are written when the cache is used again",
            name,
            left.size(),
            KeyLists.describe(left, left.size()),
            logName);
      }
      return new Abandoned(name, 0, List.of(), null);
    }
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

  /**
   * Closes the log once the flusher's last database call returned: until then the log stays open (a
   * local journal stays locked), so that no other Cachalot replays a write that the stuck call may
   * still apply after it, out of order.
   */
  private void closeLogWhenFlusherStops() {
    Thread closer =
        new Thread(
            () -> {
              try {
                while (!flusher.awaitTermination(1, TimeUnit.SECONDS)) {
                  // still in a database call
                }
                reportSuperseded();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                writeLog.close();
              }
            },
            "cachalot-log-closer-" + name);
    closer.setDaemon(true);
    closer.start();
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

  /** A write method bound by a decorator: its id, its call, and the decorator's batch method. */
  private record Binding<K, V>(String id, WriteCall<? super K, V> call, BatchWrite<V> batch) {}

  /**
   * One pending write ({@code value} set) or delete ({@code value} null) of one key: made by a
   * bound method ({@code method}), by a method whose call came with it ({@code write}), or taken
   * from the log ({@code methodId} only, until a decorator binds it).
   */
  private static final class Op<K, V> {
    final K key;
    final V value;

    /** The call of a method that cannot be replayed, with its {@code batch}; else null. */
    final DeferredWrite write;

    private final BatchWrite<V> batch;

    /** The id of the method that made the op; null for {@code write} ops. */
    final String methodId;

    /** The bound method; set by the flusher for an op taken from the log. */
    private Binding<K, V> method;

    /** The op's entry in the durable log; set before the op is committed. */
    volatile WriteBehindLog.Entry entry;

    /** The op this one replaced, until this one is committed; set under the key lock. */
    volatile Op<K, V> previous;

    /** Whether the write that made this op returned normally (its entry change succeeded). */
    private volatile boolean committed;

    /** The failed database calls of this very op (not of its key); flusher thread only. */
    int failures;

    Op(
        K key,
        V value,
        DeferredWrite write,
        BatchWrite<V> batch,
        Binding<K, V> method,
        String methodId,
        WriteBehindLog.Entry entry) {
      this.key = key;
      this.value = value;
      this.write = write;
      this.batch = batch;
      this.method = method;
      this.methodId = methodId;
      this.entry = entry;
    }

    boolean isDelete() {
      return value == null;
    }

    /**
     * Whether the op can be written: it has its call, or a decorator bound its method id; flusher
     * thread only.
     */
    boolean resolve(Map<String, Binding<K, V>> methods) {
      if (write != null || method != null) {
        return true;
      }
      method = methods.get(methodId);
      return method != null;
    }

    /** The batch method that writes the op, or null; after {@link #resolve}. */
    BatchWrite<V> batch() {
      return write != null ? batch : method.batch();
    }

    /** Makes the op's database call; after {@link #resolve}. */
    void run() throws Exception {
      if (write != null) {
        write.run();
      } else {
        method.call().run(key, value);
      }
    }

    void commit() {
      committed = true;
      previous = null;
    }

    /** The op once committed, else null. */
    Op<K, V> committedOrNull() {
      return committed ? this : null;
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
      int attempted,
      int written,
      int failed,
      List<Object> failedKeys,
      Throwable firstError,
      int deferred,
      Set<String> unbound) {}

  /** The tally of one flush attempt; used by the flusher thread only. */
  private static final class Tally {
    int attempted;
    int written;
    int failed;

    /** Ops not attempted: their key is another process's now, or their method is not bound. */
    int deferred;

    /** The method ids of recovered ops that no decorator bound yet. */
    final Set<String> unbound = new TreeSet<>();

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
    public WriteBehindMethod<K, V> method(String methodId, WriteCall<? super K, V> call) {
      Binding<K, V> method = bind(methodId, call, batch);
      return new WriteBehindMethod<>() {
        @Override
        public void write(K key, V value) {
          DefaultWriteBehindEngine.this.write(method, key, value);
        }

        @Override
        public void delete(K key) {
          DefaultWriteBehindEngine.this.delete(method, key);
        }

        @Override
        public String toString() {
          return methodId + " of " + View.this;
        }
      };
    }

    @Override
    public void requireInMemory(String methodId, String reason) {
      DefaultWriteBehindEngine.this.requireInMemory(methodId, reason);
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
