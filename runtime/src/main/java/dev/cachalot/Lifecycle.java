package dev.cachalot;

/**
 * Whether a {@link Cachalot} is still open, shared by it and its engines. Thread-safe: the flag is
 * volatile, and only {@link Cachalot#close()} sets it.
 */
final class Lifecycle {

  private volatile boolean closed;

  void close() {
    closed = true;
  }

  boolean isClosed() {
    return closed;
  }

  /** Throws when closed; {@code cache} (nullable) is named in the message. */
  void checkOpen(String cache) {
    if (closed) {
      throw new CachalotException(
          (cache == null ? "" : "cache '" + cache + "': ") + "Cachalot is closed");
    }
  }
}
