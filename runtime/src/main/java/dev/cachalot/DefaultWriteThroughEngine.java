package dev.cachalot;

import dev.cachalot.store.StoreCache;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/*
 * Design note: write-through. Promises, and why they hold.
 *
 * Database first, then cache. Every write runs the database call and only after it returned
 * normally puts the value (or, for a delete or a null result, removes the entry). So the cache
 * never holds a value before the database has it.
 *
 * Concurrent writes of one key leave cache == database. A write holds the lock of its key
 * (KeyLocks, striped) around the database call AND the cache change, so the critical sections of
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
 * writeAndCacheResult(call, keyOf) cannot lock before the call, as the key is known only from the
 * result (a generated id); it takes the lock for the put only. Generated ids are new keys, which no
 * other writer knows yet.
 */

/** The write-through engine of one named cache; thread-safe, blocks in database calls. */
final class DefaultWriteThroughEngine<K, V> extends AbstractEngine<K, V>
    implements WriteThroughEngine<K, V> {

  private final KeyLocks locks = new KeyLocks();

  DefaultWriteThroughEngine(Cachalot owner, CacheSpec<K, V> spec, StoreCache<K, V> store) {
    super(owner, spec, store);
  }

  @Override
  Strategy strategy() {
    return Strategy.WRITE_THROUGH;
  }

  @Override
  public <X extends Throwable> void write(K key, V value, DatabaseWrite<X> write) throws X {
    checkKey(key);
    Objects.requireNonNull(write, "write");
    owner.checkOpen(name);
    ReentrantLock lock = locks.of(key);
    lock.lock();
    try {
      runOrInvalidate(key, write);
      store(key, value);
    } finally {
      lock.unlock();
    }
    counters.writes.increment();
  }

  @Override
  public <R, X extends Throwable> R writeReturning(K key, V value, DatabaseCall<R, X> write)
      throws X {
    checkKey(key);
    Objects.requireNonNull(write, "write");
    owner.checkOpen(name);
    R result;
    ReentrantLock lock = locks.of(key);
    lock.lock();
    try {
      result = callOrInvalidate(key, write);
      store(key, value);
    } finally {
      lock.unlock();
    }
    counters.writes.increment();
    return result;
  }

  @Override
  public <X extends Throwable> V writeAndCacheResult(K key, DatabaseCall<V, X> write) throws X {
    checkKey(key);
    Objects.requireNonNull(write, "write");
    owner.checkOpen(name);
    V result;
    ReentrantLock lock = locks.of(key);
    lock.lock();
    try {
      result = callOrInvalidate(key, write);
      store(key, result);
    } finally {
      lock.unlock();
    }
    counters.writes.increment();
    return result;
  }

  @Override
  public <X extends Throwable> V writeAndCacheResult(DatabaseCall<V, X> write, KeyOf<V, K> keyOf)
      throws X {
    Objects.requireNonNull(write, "write");
    Objects.requireNonNull(keyOf, "keyOf");
    owner.checkOpen(name);
    V result = callDatabase(null, write);
    counters.writes.increment();
    if (result == null) {
      return null; // nothing to cache, and no key to compute
    }
    K key = keyOf.keyOf(result);
    checkKey(key);
    ReentrantLock lock = locks.of(key);
    lock.lock();
    try {
      store(key, result);
    } finally {
      lock.unlock();
    }
    return result;
  }

  @Override
  public <X extends Throwable> void delete(K key, DatabaseWrite<X> delete) throws X {
    checkKey(key);
    Objects.requireNonNull(delete, "delete");
    owner.checkOpen(name);
    ReentrantLock lock = locks.of(key);
    lock.lock();
    try {
      runOrInvalidate(key, delete);
      invalidateKey(key);
    } finally {
      lock.unlock();
    }
    counters.deletes.increment();
  }

  /**
   * Caches {@code value}, or drops the key when the write produced no value; when the store fails
   * to take the value, drops the key (best effort) so that the old value does not outlive the
   * write.
   */
  private void store(K key, V value) {
    if (value == null) {
      invalidateKey(key);
      return;
    }
    try {
      cachePut(key, value);
    } catch (RuntimeException e) {
      invalidateAfterFailure(key, e);
      throw e;
    }
  }
}
