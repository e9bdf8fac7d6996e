package dev.cachalot;

/**
 * Thrown by a write-behind write when the buffer stayed at its capacity for the whole timeout. The
 * write was not accepted: the cache and the database are as they were before the call.
 */
public final class WriteBehindFullException extends CachalotException {
  private static final long serialVersionUID = 1L;

  /** An exception for the rejected write of {@code key} into {@code cache}. */
  public WriteBehindFullException(
      String cache, Object key, long pending, java.time.Duration waited) {
    super(
        "cache '"
            + cache
            + "', key "
            + key
            + ": the write-behind buffer is full ("
            + pending
            + " pending writes) and no flush made room within "
            + waited
            + "; the write was not accepted");
  }
}
