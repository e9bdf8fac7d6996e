package dev.cachalot;

import dev.cachalot.annotations.Strategy;
import dev.cachalot.internal.ResultWriting;
import dev.cachalot.internal.ValueWriting;
import dev.cachalot.internal.WriteThroughEngine;
import dev.cachalot.internal.Writing;
import dev.cachalot.store.Store;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/*
 * Design note: write-through. Promises, and why they hold.
 *
 * Database first, then cache. Every write runs the database call and only after it returned
 * normally puts the value (or, for a delete or a null result, removes the entry). So the cache
 * never holds a value before the database has it.
 *
 * Concurrent writes of one key leave cache == database. A write holds the lock of its key
 * (KeyLocks, striped) around the database call AND the cache change (startWrite takes it, and
 * succeeded or failed, one of which the decorator always calls, releases it), so the critical sections of
 * two writes of one key do not overlap: the database applies them in lock order, and the cache
 * change of the later one comes after the cache change of the earlier one. When both finished, the
 * cache holds the value of the write the database applied last. Without the lock, A's database
 * write, B's database write, B's put, A's put leaves the cache on A and the database on B (the
 * test concurrentWritesCannotInterleaveDatabaseAndCache forces exactly that).
 *
 * Reads take no lock. A load that read the row before a write cannot fill over the written value:
 * the cache change bumps the key's version, and the fill lands only on the version it started from
 * (AbstractEngine's lease).
 *
 * A failed database write leaves no new value: the value is put only after the call returned.
 * Moreover, as the database state of the key is then unknown (the statement may have been applied
 * before the failure was seen), the key is invalidated rather than left holding a value the
 * database may no longer have; the next read loads what the database has. The exception propagates
 * unchanged. Likewise, when the cache change itself fails after the database write (a remote store
 * that is down), the key is invalidated (best effort) and the store's failure propagates.
 *
 * Several processes. The key lock orders the writes of one process only. A store shared by several
 * (Redis) is told of each write before its database call (beginWrite) and after it
 * (completeWrite, abortWrite), and leaves the key empty whenever two writes of it overlapped, as
 * no one can tell in which order the database applied them; the next read loads what the database
 * holds. Stores of one process ignore the announcement and put.
 *
 * startWriteOfResult() cannot lock before the call, as the key is known only from the result (a
 * generated id); it takes the lock for the put only. Generated ids are new keys, which no
 * other writer knows yet.
 */

/** The write-through engine of one named cache; thread-safe, blocks in database calls. */
final class DefaultWriteThroughEngine<K, V> extends AbstractEngine<K, V>
    implements WriteThroughEngine<K, V> {

  private final KeyLocks locks = new KeyLocks();

  DefaultWriteThroughEngine(EngineContext context, CacheSpec spec, Store store) {
    super(context, spec, store);
  }

  @Override
  Strategy strategy() {
    return Strategy.WRITE_THROUGH;
  }

  @Override
  public ValueWriting<V> startWrite(K key) {
    return lock(key, false);
  }

  @Override
  public Writing startDelete(K key) {
    return lock(key, true);
  }

  private LockedWriting lock(K key, boolean delete) {
    checkKey(key);
    context.lifecycle().checkOpen(name);
    ReentrantLock lock = locks.of(key);
    lock.lock();
    Object token;
    try {
      token = storeBeginWrite(key);
    } catch (RuntimeException e) {
      lock.unlock();
      throw e;
    }
    return new LockedWriting(key, delete, lock, token, startTiming());
  }

  @Override
  public ResultWriting<K, V> startWriteOfResult() {
    context.lifecycle().checkOpen(name);
    return new NewKeyWriting(startTiming());
  }

  /**
   * Completes the write {@code token} announced: caches {@code value}, or drops the key when the
   * write produced no value (a delete, a null result); when the store fails to take it, drops the
   * key (best effort) so that the old value does not outlive the write, and rethrows.
   */
  private void store(K key, V written, Object token) {
    V value = stored(written);
    Duration ttl = value == null ? null : context.jittered(spec.ttlOrNull());
    try {
      change(key, () -> storeCompleteWrite(key, value, ttl, token));
    } catch (RuntimeException e) {
      invalidateAfterFailure(key, e);
      throw e;
    }
    events.emit(
        value == null ? CacheEvent.Kind.INVALIDATE : CacheEvent.Kind.CACHE_WRITE,
        name,
        key,
        0,
        null);
  }

  /** Ends the write {@code token} announced, whose database call failed: drops the key. */
  private void abort(K key, Object token, Throwable failure) {
    try {
      change(key, () -> storeAbortWrite(key, token));
      events.emit(CacheEvent.Kind.INVALIDATE, name, key, 0, null);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** A write or delete of one key that holds the key's lock until it succeeded or failed. */
  private final class LockedWriting implements ValueWriting<V>, Writing {
    private final K key;
    private final boolean delete;
    private final ReentrantLock lock;
    private final Object token;
    private final long startNanos;

    LockedWriting(K key, boolean delete, ReentrantLock lock, Object token, long startNanos) {
      this.key = key;
      this.delete = delete;
      this.lock = lock;
      this.token = token;
      this.startNanos = startNanos;
    }

    @Override
    public void succeeded(V value) {
      try {
        databaseWritten(key, startNanos);
        store(key, value, token);
      } finally {
        lock.unlock();
      }
      counters.writes.increment();
    }

    @Override
    public void succeeded() {
      try {
        databaseWritten(key, startNanos);
        store(key, null, token);
      } finally {
        lock.unlock();
      }
      (delete ? counters.deletes : counters.writes).increment();
    }

    @Override
    public void failed(Throwable error) {
      try {
        databaseWriteFailed(key, startNanos, error);
        abort(key, token, error);
      } finally {
        lock.unlock();
      }
    }
  }

  /** A write whose key comes from the value the database returned. */
  private final class NewKeyWriting implements ResultWriting<K, V> {
    private final long startNanos;

    NewKeyWriting(long startNanos) {
      this.startNanos = startNanos;
    }

    @Override
    public void succeeded(K key, V value) {
      databaseWritten(key, startNanos);
      counters.writes.increment();
      if (value == null) {
        return; // nothing to cache, and no key to cache it under
      }
      checkKey(key);
      ReentrantLock lock = locks.of(key);
      lock.lock();
      try {
        store(key, value, null); // a new key: no other write of it can overlap
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void failed(Throwable error) {
      databaseWriteFailed(null, startNanos, error);
    }
  }
}
