package dev.cachalot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Thrown by {@link CacheHandle#flush()} and {@link Cachalot#close()} when pending writes could not
 * be written to the database. The message names the cache(s), the keys and the first failure. The
 * writes that failed stay pending and are retried (until close gives up on them), and the listener
 * heard of each; the cause is the first failure.
 */
public final class WriteBehindException extends CachalotException {
  private static final long serialVersionUID = 1L;

  /** How many keys {@link #keys()} lists at most. */
  static final int MAX_KEYS = 20;

  private final long unwritten;

  /** The keys; not serialized, as keys need not be serializable. */
  private final transient List<Object> keys;

  /** An exception for {@code unwritten} writes of {@code cache} that did not reach the database. */
  public WriteBehindException(String message, long unwritten, Throwable cause) {
    this(message, unwritten, List.of(), cause);
  }

  /**
   * An exception for {@code unwritten} writes that did not reach the database, of which {@code
   * keys} are (some of) the keys; at most the first 20 are kept.
   */
  public WriteBehindException(String message, long unwritten, Collection<?> keys, Throwable cause) {
    super(message, cause);
    this.unwritten = unwritten;
    List<Object> first = new ArrayList<>(Math.min(keys.size(), MAX_KEYS));
    for (Object key : keys) {
      if (first.size() == MAX_KEYS) {
        break;
      }
      first.add(key);
    }
    this.keys = List.copyOf(first);
  }

  /** How many writes were not in the database when this was thrown. */
  public long unwritten() {
    return unwritten;
  }

  /**
   * The keys of (up to 20 of) the writes that were not written; empty when unknown (or after
   * deserialization).
   */
  public List<Object> keys() {
    return keys == null ? List.of() : keys;
  }
}
