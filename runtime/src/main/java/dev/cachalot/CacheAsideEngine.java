package dev.cachalot;

/**
 * The cache-aside engine as a generated decorator sees it: writes and deletes go to the database
 * first and then invalidate the key (also when they throw); nothing is written into the cache on a
 * write.
 *
 * <p>Thread-safe; every method blocks for as long as the database call it runs.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface CacheAsideEngine<K, V> extends CacheEngine<K, V> {

  /**
   * Runs {@code write} and then invalidates {@code key}. When {@code write} throws, the key is
   * invalidated as well (the database may have applied the write before it failed) and the
   * exception propagates unchanged.
   */
  <X extends Throwable> void write(K key, DatabaseWrite<X> write) throws X;

  /** Like {@link #write}, for a DAO write that returns something; returns what it returned. */
  <R, X extends Throwable> R writeReturning(K key, DatabaseCall<R, X> write) throws X;

  /** Runs {@code delete} and then invalidates {@code key}. */
  <X extends Throwable> void delete(K key, DatabaseWrite<X> delete) throws X;
}
