package dev.cachalot;

import dev.cachalot.store.StoreCache;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/*
 * Design note: write-through.
 *
 * Per-key order: a write holds the lock of its key (KeyLocks, striped) around the database call and
 * the cache put, so two writes of one key run one after the other and the cache ends with the value
 * of the write the database applied last. Reads take no lock. A load that read the row before a
 * write will not fill over the written value: the put bumps the key's version (AbstractEngine).
 *
 * When the database call throws, the database state of the key is unknown (the statement may have
 * been applied before the failure), so the key is invalidated rather than left holding a value the
 * database may no longer have; the exception propagates unchanged.
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
      cachePut(key, result);
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

  /** Caches {@code value}, or drops the key when the write produced no value. */
  private void store(K key, V value) {
    if (value == null) {
      invalidateKey(key);
    } else {
      cachePut(key, value);
    }
  }

  private <X extends Throwable> void runOrInvalidate(K key, DatabaseWrite<X> write) throws X {
    try {
      runDatabase(key, write);
    } catch (Throwable e) {
      invalidateAfterFailure(key, e);
      throw e;
    }
  }

  private <R, X extends Throwable> R callOrInvalidate(K key, DatabaseCall<R, X> write) throws X {
    try {
      return callDatabase(key, write);
    } catch (Throwable e) {
      invalidateAfterFailure(key, e);
      throw e;
    }
  }

  private void invalidateAfterFailure(K key, Throwable failure) {
    try {
      invalidateKey(key);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
