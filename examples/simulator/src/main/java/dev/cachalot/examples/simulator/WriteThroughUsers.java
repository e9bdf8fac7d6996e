package dev.cachalot.examples.simulator;

import dev.cachalot.annotations.CacheDefaults;
import dev.cachalot.annotations.WriteThrough;
import java.util.Optional;

/**
 * The write-through lane: a write goes to the database and then into the cache before it returns;
 * the call fails if the database write failed. Entries live two minutes.
 */
@CacheDefaults(cache = WriteThroughUsers.CACHE, ttl = "2m")
public interface WriteThroughUsers extends Users {

  /** The name of the lane's cache. */
  String CACHE = "write-through";

  @Override
  @WriteThrough
  Optional<User> find(String id);

  @Override
  @WriteThrough(key = "user.id")
  void save(User user);

  @Override
  @WriteThrough
  void delete(String id);
}
