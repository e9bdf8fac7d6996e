package dev.cachalot;

/**
 * Thrown to a reader that waited for another caller's load of the same key when that load failed.
 * The caller that ran the load gets the DAO's own exception; the cause here is that exception.
 */
public final class CacheLoadException extends CachalotException {
  private static final long serialVersionUID = 1L;

  /** An exception for the failed load of {@code key} in {@code cache}. */
  public CacheLoadException(String cache, Object key, Throwable cause) {
    super(
        "cache '" + cache + "', key " + key + ": the load this call waited for failed: " + cause,
        cause);
  }
}
