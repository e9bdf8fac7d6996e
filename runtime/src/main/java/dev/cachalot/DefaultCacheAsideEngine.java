package dev.cachalot;

import dev.cachalot.annotations.Strategy;
import dev.cachalot.internal.CacheAsideEngine;
import dev.cachalot.internal.Writing;
import dev.cachalot.store.Store;

/*
 * Design note: cache-aside. Promises, and why they hold.
 *
 * A write runs the database call on the caller's thread (the decorator makes the call between
 * startWrite and succeeded/failed) and then invalidates the key: that bumps
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

  DefaultCacheAsideEngine(EngineContext context, CacheSpec spec, Store store) {
    super(context, spec, store);
  }

  @Override
  Strategy strategy() {
    return Strategy.CACHE_ASIDE;
  }

  @Override
  public Writing startWrite(K key) {
    return start(key, false);
  }

  @Override
  public Writing startDelete(K key) {
    return start(key, true);
  }

  private Writing start(K key, boolean delete) {
    checkKey(key);
    context.lifecycle().checkOpen(name);
    return new DatabaseWriting(key, delete, startTiming());
  }

  /** A write or delete of one key whose database call is in flight. */
  private final class DatabaseWriting implements Writing {
    private final K key;
    private final boolean delete;
    private final long startNanos;

    DatabaseWriting(K key, boolean delete, long startNanos) {
      this.key = key;
      this.delete = delete;
      this.startNanos = startNanos;
    }

    @Override
    public void succeeded() {
      databaseWritten(key, startNanos);
      (delete ? counters.deletes : counters.writes).increment();
      invalidateKey(key);
    }

    @Override
    public void failed(Throwable error) {
      databaseWriteFailed(key, startNanos, error);
      invalidateAfterFailure(key, error);
    }
  }
}
