package dev.cachalot;

/**
 * The write-through engine as a generated decorator sees it: a write runs the database call and,
 * only when it succeeded, puts the value into the cache before returning.
 *
 * <p>Thread-safe; every method blocks for as long as the database call it runs.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface WriteThroughEngine<K, V> extends CacheEngine<K, V> {

  /** Runs {@code write}, then caches {@code value} under {@code key}. */
  <X extends Throwable> void write(K key, V value, DatabaseWrite<X> write) throws X;

  /**
   * Runs {@code write}, then caches {@code value} under {@code key}, and returns what {@code write}
   * returned (a row count, a flag: anything but the value itself).
   */
  <R, X extends Throwable> R writeReturning(K key, V value, DatabaseCall<R, X> write) throws X;

  /** Runs {@code write}, caches the value it returned under {@code key}, and returns that value. */
  <X extends Throwable> V writeAndCacheResult(K key, DatabaseCall<V, X> write) throws X;

  /**
   * Runs {@code write}, caches the value it returned under the key {@code keyOf} computes from it
   * (an id the database generated), and returns that value.
   */
  <X extends Throwable> V writeAndCacheResult(DatabaseCall<V, X> write, KeyOf<V, K> keyOf) throws X;

  /** Runs {@code delete}, then removes {@code key} from the cache. */
  <X extends Throwable> void delete(K key, DatabaseWrite<X> delete) throws X;
}
