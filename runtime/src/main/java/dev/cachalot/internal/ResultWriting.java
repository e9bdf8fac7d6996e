package dev.cachalot.internal;

/**
 * A write-through write whose key is computed from the value it returns (an id the database
 * generates), started by {@link WriteThroughEngine#startWriteOfResult}. Thread-confined.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface ResultWriting<K, V> {

  /**
   * The database call returned {@code value}, whose key is {@code key}: caches it (a null value,
   * and its null key, cache nothing).
   */
  void succeeded(K key, V value);

  /** The database call threw {@code error}: reports the failure. */
  void failed(Throwable error);
}
