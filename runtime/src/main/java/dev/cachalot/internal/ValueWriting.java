package dev.cachalot.internal;

/**
 * A write-through write of a key known before the database call, started by {@link
 * WriteThroughEngine#startWrite}; holds the key's lock until {@link #succeeded} or {@link #failed}.
 * Thread-confined.
 *
 * @param <V> the value type
 */
public interface ValueWriting<V> {

  /** The database call returned normally: caches {@code value} (null drops the key). */
  void succeeded(V value);

  /** The database call threw {@code error}: drops the key and reports the failure. */
  void failed(Throwable error);
}
