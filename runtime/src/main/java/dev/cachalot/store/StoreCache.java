package dev.cachalot.store;

import java.time.Duration;

/**
 * The entries of one named cache in a {@link Store}. Besides values of the cache's value type it
 * holds the marker {@link #ABSENT}, a remembered absence (negative caching), which stores that
 * encode values must encode too.
 *
 * <p>Implementations must be thread-safe; engines call them from any thread.
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
}
