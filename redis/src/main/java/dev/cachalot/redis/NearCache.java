package dev.cachalot.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cachalot.store.StoreCache;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/*
 * Design note: the near cache, and the fill that raced an invalidation.
 *
 * A near cache is a bounded Caffeine in front of Redis for one cache, whose entries live at most
 * the near life (and never longer than the cache's TTL). It is filled only with what this node read
 * from Redis or filled into it, and emptied of a key whenever the key changes: by this node (after
 * its change script returned) or by another (when its invalidation message arrives).
 *
 * The crossing race: a reader sends GET, another node changes the key and its message arrives here
 * before the GET's reply, which carries the old value. If the reader then put the old value into the
 * near cache it would stay there, as the invalidation already passed. So every key has a version (a
 * stripe of an array of counters, shared by the keys that hash to it): the reader takes the version
 * before it sends the GET, and its fill lands only if the version is unchanged; an invalidation
 * bumps the version before it removes the key. The check and the put of a fill are one step
 * (Caffeine's compute, under the key's lock), so either the fill lands before the invalidation,
 * which then removes it, or it sees the bumped version and does not land. Clearing bumps every
 * stripe before it empties the cache, so a fill that started before a clear cannot land after it.
 * A shared stripe costs at most a fill that does not land.
 */

/** The near cache of one cache; thread-safe, never blocks on I/O. */
final class NearCache<K> {

  private static final int STRIPES = 4096;

  private final Cache<K, Object> entries;
  private final AtomicLongArray versions = new AtomicLongArray(STRIPES);

  NearCache(long maximumSize, Duration life) {
    this.entries =
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            .expireAfterWrite(life)
            .executor(Runnable::run)
            .build();
  }

  /** The near entry of {@code key} (a value or {@link StoreCache#ABSENT}), or null. */
  Object get(K key) {
    Object entry = entries.getIfPresent(key);
    if (entry instanceof AbsentUntil absent) {
      return absent.deadlineNanos - System.nanoTime() > 0 ? StoreCache.ABSENT : null;
    }
    return entry;
  }

  /** The version of {@code key} now: take it before reading Redis, pass it to {@link #fill}. */
  long version(K key) {
    return versions.get(stripe(key));
  }

  /**
   * Puts {@code entry}, read from Redis or filled into it, unless {@code key} was invalidated since
   * {@code version} was taken. A remembered absence lives at most {@code absentLife}.
   */
  void fill(K key, Object entry, long version, Duration absentLife) {
    int stripe = stripe(key);
    Object stored =
        entry == StoreCache.ABSENT
            ? new AbsentUntil(System.nanoTime() + absentLife.toNanos())
            : entry;
    entries
        .asMap()
        .compute(key, (k, current) -> versions.get(stripe) == version ? stored : current);
  }

  /** Drops {@code key}: fills that read Redis before now will not land. */
  void invalidate(K key) {
    versions.incrementAndGet(stripe(key));
    entries.invalidate(key);
  }

  /** Drops every key: fills that read Redis before now will not land. */
  void clear() {
    for (int i = 0; i < STRIPES; i++) {
      versions.incrementAndGet(i);
    }
    entries.invalidateAll();
  }

  long size() {
    return entries.estimatedSize();
  }

  private static int stripe(Object key) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & (STRIPES - 1);
  }

  /** A remembered absence with its own, shorter life. */
  private record AbsentUntil(long deadlineNanos) {}
}
