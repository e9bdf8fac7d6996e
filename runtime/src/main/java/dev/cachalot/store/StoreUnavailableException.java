package dev.cachalot.store;

/**
 * Thrown by a store whose backend cannot be reached (a Redis server that is down, a network that
 * partitions). Engines read around it: a read whose store is unavailable goes to the database and
 * does not fill; a write whose cache change fails throws a {@code CachalotException} that names the
 * cache, the key and this cause, after the database write. A store that throws it is responsible
 * for not serving, once reachable again, a value that a failed change would have removed (by
 * replaying the lost invalidations, or by dropping what it holds).
 */
public class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception that says what could not be reached, and why. */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /** An exception that says what could not be reached. */
  public StoreUnavailableException(String message) {
    super(message);
  }
}
