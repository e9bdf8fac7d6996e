package dev.cachalot;

/**
 * Thrown by {@link CacheHandle#flush()} and {@link Cachalot#close()} when pending writes could not
 * be written to the database. The writes that failed stay pending (until close gives up on them)
 * and the listener heard of each; the cause is the first failure.
 */
public final class WriteBehindException extends CachalotException {
  private static final long serialVersionUID = 1L;

  private final long unwritten;

  /** An exception for {@code unwritten} writes of {@code cache} that did not reach the database. */
  public WriteBehindException(String message, long unwritten, Throwable cause) {
    super(message, cause);
    this.unwritten = unwritten;
  }

  /** How many writes were not in the database when this was thrown. */
  public long unwritten() {
    return unwritten;
  }
}
