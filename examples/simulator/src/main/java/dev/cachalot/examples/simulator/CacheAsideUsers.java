package dev.cachalot.examples.simulator;

import dev.cachalot.annotations.CacheAside;
import dev.cachalot.annotations.CacheDefaults;
import dev.cachalot.annotations.Invalidate;
import java.util.Optional;

/**
 * The cache-aside lane: a read checks the cache and on a miss loads the row and fills; a write goes
 * to the database, then invalidates the key. Entries live 60 seconds, the article's "TTL as a
 * safety net".
 */
@CacheDefaults(cache = CacheAsideUsers.CACHE, ttl = "60s")
public interface CacheAsideUsers extends Users {

  /** The name of the lane's cache. */
  String CACHE = "cache-aside";

  @Override
  @CacheAside
  Optional<User> find(String id);

  @Override
  @CacheAside(key = "user.id")
  void save(User user);

  @Override
  @CacheAside
  void delete(String id);

  /**
   * Drops the key from the cache and does nothing else (its implementation is empty): the race trap
   * calls it first, so that its read misses.
   */
  @Invalidate
  void evict(String id);
}
