package dev.cachalot;

/**
 * A failure of Cachalot itself or of a cache operation; its message names the cache, and the key
 * where there is one. Subclasses say more.
 */
public class CachalotException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message that names the cache and what went wrong. */
  public CachalotException(String message) {
    super(message);
  }

  /** An exception with a message that names the cache and what went wrong, and its cause. */
  public CachalotException(String message, Throwable cause) {
    super(message, cause);
  }
}
