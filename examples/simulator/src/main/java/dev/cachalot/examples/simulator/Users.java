package dev.cachalot.examples.simulator;

import java.util.List;
import java.util.Optional;

/**
 * What the three lanes of the simulator have in common: read, write and delete a user by key. Each
 * lane's interface ({@link CacheAsideUsers}, {@link WriteThroughUsers}, {@link WriteBehindUsers})
 * redeclares these methods with its strategy's annotation; this interface itself has none, so
 * nothing decorates it.
 */
public interface Users {

  /** The user with this key, if there is one. */
  Optional<User> find(String id);

  /** Writes the user (inserts or updates its row). */
  void save(User user);

  /** Deletes the user's row, if any. */
  void delete(String id);

  /** Writes several users; the write-behind flusher's batch. */
  void saveAll(List<User> users);
}
