package dev.cachalot;

import dev.cachalot.store.StoreCache;
import java.util.Objects;

/*
 * Design note: cache-aside. Promises, and why they hold.
 *
 * A write runs the database call on the caller's thread and then invalidates the key: that bumps
 * the key's version, so a load that read the old row before the write will not fill it (the
 * lease; see AbstractEngine), and removes the entry. Nothing is put into the cache on a write, so
 * concurrent writers of one key need no ordering between them: whichever invalidates last, the
 * next read loads what the database holds then.
 *
 * A write that throws invalidates the key too, and the exception propagates unchanged. A failed
 * call does not mean an unchanged row: the statement may have been applied before the failure was
 * seen (a commit whose acknowledgement was lost, a timeout after the commit), and keeping the old
 * entry would then serve a row the database no longer has, until its TTL. Invalidating is always
 * safe in cache-aside; it costs at most one extra load. (The stress test found this: a delete that
 * failed after it applied left the deleted row cached.)
 *
 * Single-flight loads, the lease, ttl, negativeTtl and TTL jitter are the read path of
 * AbstractEngine.
 */

/** The cache-aside engine of one named cache; thread-safe, blocks only in database calls. */
final class DefaultCacheAsideEngine<K, V> extends AbstractEngine<K, V>
    implements CacheAsideEngine<K, V> {

  DefaultCacheAsideEngine(Cachalot owner, CacheSpec<K, V> spec, StoreCache<K, V> store) {
    super(owner, spec, store);
  }

  @Override
  Strategy strategy() {
    return Strategy.CACHE_ASIDE;
  }

  @Override
  public <X extends Throwable> void write(K key, DatabaseWrite<X> write) throws X {
    checkKey(key);
    Objects.requireNonNull(write, "write");
    owner.checkOpen(name);
    runOrInvalidate(key, write);
    counters.writes.increment();
    invalidateKey(key);
  }

  @Override
  public <R, X extends Throwable> R writeReturning(K key, DatabaseCall<R, X> write) throws X {
    checkKey(key);
    Objects.requireNonNull(write, "write");
    owner.checkOpen(name);
    R result = callOrInvalidate(key, write);
    counters.writes.increment();
    invalidateKey(key);
    return result;
  }

  @Override
  public <X extends Throwable> void delete(K key, DatabaseWrite<X> delete) throws X {
    checkKey(key);
    Objects.requireNonNull(delete, "delete");
    owner.checkOpen(name);
    runOrInvalidate(key, delete);
    counters.deletes.increment();
    invalidateKey(key);
  }
}
