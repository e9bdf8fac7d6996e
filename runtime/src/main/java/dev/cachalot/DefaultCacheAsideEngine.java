package dev.cachalot;

import dev.cachalot.store.StoreCache;
import java.util.Objects;

/*
 * Design note: cache-aside.
 *
 * A write runs the database call on the caller's thread and, only when it returned normally,
 * invalidates the key: that bumps the key's version (so a load that read the old row before the
 * write will not fill; see AbstractEngine) and removes the entry. Nothing is put into the cache on a
 * write, so concurrent writers of one key need no ordering between them: whichever invalidates
 * last, the next read loads what the database holds then. A write that throws leaves the cache as
 * it was (the database did not change, or the caller learns it may have).
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
    runDatabase(key, write);
    counters.writes.increment();
    invalidateKey(key);
  }

  @Override
  public <R, X extends Throwable> R writeReturning(K key, DatabaseCall<R, X> write) throws X {
    checkKey(key);
    Objects.requireNonNull(write, "write");
    owner.checkOpen(name);
    R result = callDatabase(key, write);
    counters.writes.increment();
    invalidateKey(key);
    return result;
  }

  @Override
  public <X extends Throwable> void delete(K key, DatabaseWrite<X> delete) throws X {
    checkKey(key);
    Objects.requireNonNull(delete, "delete");
    owner.checkOpen(name);
    runDatabase(key, delete);
    counters.deletes.increment();
    invalidateKey(key);
  }
}
