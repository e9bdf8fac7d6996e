package dev.cachalot.store;

import java.time.Duration;
import java.util.Map;

/**
 * The entries of one named cache in a {@link Store}. Besides values of the cache's value type it
 * holds the marker {@link #ABSENT}, a remembered absence (negative caching), which stores that
 * encode values must encode too.
 *
 * <p>A store that several processes share implements the lease and write methods, whose defaults
 * suit a store of one process (the engine's own per-key versions and locks protect it): {@link
 * #lease} and {@link #fill} keep a load that read the database before another node's change from
 * filling afterwards; {@link #beginWrite}, {@link #completeWrite} and {@link #abortWrite} leave the
 * cache equal to the database when write-through writes of one key on several nodes interleave. A
 * store whose backend is unreachable throws {@link StoreUnavailableException}.
 *
 * <p>Implementations must be thread-safe; engines call them from any thread, and may call {@link
 * #fill} and {@link #completeWrite} while they hold a lock of the key.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface StoreCache<K, V> {

  /** The marker of a remembered absence. */
  Object ABSENT =
      new Object() {
        @Override
        public String toString() {
          return "ABSENT";
        }
      };

  /** Returns the value of {@code key}, {@link #ABSENT}, or {@code null} when there is no entry. */
  Object get(K key);

  /**
   * Stores {@code value} (a {@code V} or {@link #ABSENT}) under {@code key}, replacing any entry;
   * it expires after {@code ttl}, or never when {@code ttl} is {@code null}.
   */
  void put(K key, Object value, Duration ttl);

  /** Removes the entry of {@code key}, if any. */
  void remove(K key);

  /** Removes every entry. */
  void clear();

  /**
   * Asks for the lease to fill {@code key}, after a load missed it and before it reads the
   * database. A store shared by several processes waits, for a bounded time, for another holder of
   * the lease to fill. The default grants {@link Lease#LOCAL}.
   */
  default Lease lease(K key) {
    return Lease.LOCAL;
  }

  /**
   * Whether {@link #lease} answers {@link Lease.Filled} whenever the key has an entry, as a store
   * shared by several processes does in the round trip that takes the lease. The engine then asks
   * for the lease right after a miss, without looking the key up a second time first (a round trip
   * fewer per miss on a remote store). The default is false: the engine looks again.
   */
  default boolean leaseFindsEntries() {
    return false;
  }

  /**
   * Stores {@code value} (a {@code V} or {@link #ABSENT}) loaded under {@code lease}, unless the
   * lease no longer holds (the key changed meanwhile); returns whether it was stored. The default
   * puts.
   */
  default boolean fill(K key, Object value, Duration ttl, Lease.Granted lease) {
    put(key, value, ttl);
    return true;
  }

  /**
   * Announces a write-through write of {@code key} before its database call; returns what {@link
   * #completeWrite} or {@link #abortWrite} needs to tell this write from others of the same key.
   * The default returns null.
   */
  default Object beginWrite(K key) {
    return null;
  }

  /**
   * Completes the write {@code token} announced, after its database call returned: stores {@code
   * value}, or removes the key when {@code value} is null. A store shared by several processes
   * removes the key instead when another write of it overlapped this one, as it cannot know in
   * which order the database applied them. The default puts or removes.
   */
  default void completeWrite(K key, Object value, Duration ttl, Object token) {
    if (value == null) {
      remove(key);
    } else {
      put(key, value, ttl);
    }
  }

  /**
   * Ends the write {@code token} announced, whose database call failed (and may or may not have
   * been applied): removes the key. The default removes.
   */
  default void abortWrite(K key, Object token) {
    remove(key);
  }

  /**
   * What the store counts of this cache besides the engine's statistics, by name, such as {@code
   * near.hits} or {@code remote.roundTrips}; empty by default. Read for metrics; cheap.
   */
  default Map<String, Long> statistics() {
    return Map.of();
  }
}
