package dev.cachalot.store;

import dev.cachalot.CachalotException;

/**
 * A write-behind log could not make an entry durable, or could not be opened: a full disk, a
 * journal directory in use by another process, a damaged or newer journal, a lost connection. When
 * a write gets it, the write was not acknowledged and nothing of it reaches the database. The
 * message names the cache, the key where there is one, the file or server, and the cause.
 */
public class WriteBehindLogException extends CachalotException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}, saying what failed and why. */
  public WriteBehindLogException(String message) {
    super(message);
  }

  /** An exception with {@code message} and the {@code cause} underneath. */
  public WriteBehindLogException(String message, Throwable cause) {
    super(message, cause);
  }
}
