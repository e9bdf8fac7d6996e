package dev.cachalot.examples.simulator;

import dev.cachalot.annotations.CacheDefaults;
import dev.cachalot.annotations.WriteBehind;
import java.util.Optional;

/**
 * The write-behind lane: a write goes into the cache and the buffer and returns at once; the
 * flusher writes the buffer to the database every 5 seconds (or as soon as 4 keys wait), in one
 * {@link #saveAll} batch, one write per key. The buffer holds at most 4 keys, so that a failing
 * database fills it within a few clicks and the next write of a new key meets backpressure.
 */
@CacheDefaults(cache = WriteBehindUsers.CACHE, ttl = "2m")
public interface WriteBehindUsers extends Users {

  /** The name of the lane's cache. */
  String CACHE = "write-behind";

  /** How often the flusher writes the buffer. */
  long FLUSH_MILLIS = 5_000;

  /** The most keys the buffer holds. */
  int CAPACITY = 4;

  /** A read: the cache, then the buffer, then the database (and a fill), as in cache-aside. */
  @Override
  @WriteBehind
  Optional<User> find(String id);

  @Override
  @WriteBehind(
      key = "user.id",
      flushMillis = FLUSH_MILLIS,
      maxBatch = CAPACITY,
      capacity = CAPACITY,
      batchMethod = "saveAll")
  void save(User user);

  @Override
  @WriteBehind
  void delete(String id);
}
