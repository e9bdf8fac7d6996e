package dev.cachalot;

import dev.cachalot.annotations.Strategy;
import java.util.Map;

/**
 * What an application sees of one named cache: its settings, statistics and pending write-behind
 * writes. Obtained from {@link Cachalot#cache(String)} or {@link Cachalot#caches()}.
 *
 * <p>Thread-safe. {@link #flush()} blocks until the pending writes are in the database; the other
 * methods do not block on I/O for the in-process store.
 */
public interface CacheHandle {

  /** The name of the cache. */
  String name();

  /** The strategy of the cache. */
  Strategy strategy();

  /** The settings the cache was declared with. */
  CacheSpec spec();

  /** A snapshot of the cache's counters. */
  CacheStats stats();

  /**
   * What the store counts of this cache besides {@link #stats()}, by name: for the Redis tier
   * {@code near.hits}, {@code remote.hits}, {@code remote.roundTrips}, {@code decode.failures} and
   * {@code breaker.open} (1 while open); empty for the in-process store. Does not block.
   */
  Map<String, Long> storeStatistics();

  /**
   * How many write-behind writes and deletes are not yet in the database; 0 for other strategies.
   */
  long pendingWrites();

  /**
   * For a write-behind cache, writes every write and delete pending at the time of the call (or a
   * newer write of the same key) and returns once they are in the database; does nothing for the
   * other strategies. Writes that are waiting for a retry are attempted at once, without waiting
   * for their backoff. Blocks for as long as the database calls take (and while a flush that is
   * already running finishes); it makes one attempt at each write and never waits for a retry, so
   * it returns (or throws) even while the database keeps failing.
   *
   * @throws WriteBehindException when some pending writes could not be written: it names the cache,
   *     the keys ({@link WriteBehindException#keys()}) and the first failure (its cause). The
   *     writes stay pending and are retried with backoff
   * @throws CachalotException when the {@link Cachalot} is closed
   */
  void flush();

  /**
   * Removes every entry of the cache. Pending write-behind writes stay pending (and readable).
   *
   * @throws CachalotException when the {@link Cachalot} is closed
   */
  void invalidateAll();
}
