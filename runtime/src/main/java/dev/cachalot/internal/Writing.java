package dev.cachalot.internal;

/**
 * A synchronous database write or delete in flight, started by an engine before the decorator calls
 * the database; then exactly one of {@link #succeeded} or {@link #failed} follows. A write-through
 * write holds its key's lock until then. Thread-confined.
 */
public interface Writing {

  /** The database call returned normally: the engine changes the cache. */
  void succeeded();

  /**
   * The database call threw {@code error}: the engine drops the key (the database may have applied
   * the write before it failed) and reports the failure. The caller rethrows {@code error}.
   */
  void failed(Throwable error);
}
