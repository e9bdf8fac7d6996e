package dev.cachalot.examples.simulator;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The app's own DAO of one lane: plain SQL over the lane's table, nothing in it knows about
 * caching. The Cachalot starter replaces each bean of the three subclasses by its generated
 * decorator ({@code CachedCacheAsideUsers}, ...). Each statement goes through {@link Database#run}:
 * the simulated latency, the "fail the database" switch and the generation's {@link Fence}. The
 * cache-aside read also passes the {@link RaceGate} after it read its row.
 */
abstract class JdbcUsers implements Users {

  private final Lane lane;
  private final Database database;
  private final Fence fence;

  JdbcUsers(Lane lane, Database database, Fence fence) {
    this.lane = lane;
    this.database = database;
    this.fence = fence;
  }

  @Override
  public Optional<User> find(String id) {
    long start = System.nanoTime();
    Optional<User> row = database.run(fence, Latency.Kind.DB_READ, () -> select(id));
    note(id, "SELECT " + id + " → " + row.map(JdbcUsers::describe).orElse("no row"), start);
    afterRead(id);
    return row;
  }

  /** What the read does after it read its row and before it returns it. */
  void afterRead(String id) {}

  @Override
  public void save(User user) {
    long start = System.nanoTime();
    database.run(fence, Latency.Kind.DB_WRITE, () -> upsert(user));
    note(user.id(), "UPSERT " + describe(user), start);
  }

  @Override
  public void saveAll(List<User> users) {
    long start = System.nanoTime();
    database.run(
        fence,
        Latency.Kind.DB_WRITE,
        () -> {
          users.forEach(this::upsert);
          return null;
        });
    note(
        null,
        "UPSERT batch of "
            + users.size()
            + ": "
            + users.stream().map(JdbcUsers::describe).collect(Collectors.joining(", ")),
        start);
  }

  @Override
  public void delete(String id) {
    long start = System.nanoTime();
    int deleted =
        database.run(
            fence,
            Latency.Kind.DB_WRITE,
            () ->
                database
                    .jdbc()
                    .sql("DELETE FROM " + lane.table() + " WHERE id = ?")
                    .param(id)
                    .update());
    note(id, "DELETE " + id + (deleted == 0 ? " (no row)" : ""), start);
  }

  private Optional<User> select(String id) {
    return database
        .jdbc()
        .sql("SELECT id, name, version FROM " + lane.table() + " WHERE id = ?")
        .param(id)
        .query(User.class)
        .optional();
  }

  /** UPDATE, then INSERT when there was no row: one statement's worth of simulated latency. */
  private Void upsert(User user) {
    int updated =
        database
            .jdbc()
            .sql("UPDATE " + lane.table() + " SET name = ?, version = ? WHERE id = ?")
            .params(user.name(), user.version(), user.id())
            .update();
    if (updated == 0) {
      database
          .jdbc()
          .sql("INSERT INTO " + lane.table() + " (id, name, version) VALUES (?, ?, ?)")
          .params(user.id(), user.name(), user.version())
          .update();
    }
    return null;
  }

  private void note(String key, String text, long start) {
    StepNotes.note(lane.id, key, text, System.nanoTime() - start);
  }

  static String describe(User user) {
    return user.id() + " = " + user.name() + " v" + user.version();
  }

  /** The cache-aside lane's DAO; its reads pass the race trap's gate. */
  static final class CacheAside extends JdbcUsers implements CacheAsideUsers {
    private final RaceGate gate;

    CacheAside(Database database, Fence fence, RaceGate gate) {
      super(Lane.CACHE_ASIDE, database, fence);
      this.gate = gate;
    }

    @Override
    void afterRead(String id) {
      gate.afterRead(id);
    }

    @Override
    public void evict(String id) {
      // Nothing: the decorator's @Invalidate drops the key from the cache.
    }
  }

  /** The write-through lane's DAO. */
  static final class WriteThrough extends JdbcUsers implements WriteThroughUsers {
    WriteThrough(Database database, Fence fence) {
      super(Lane.WRITE_THROUGH, database, fence);
    }
  }

  /** The write-behind lane's DAO; the flusher calls {@link #saveAll} with the buffered writes. */
  static final class WriteBehind extends JdbcUsers implements WriteBehindUsers {
    WriteBehind(Database database, Fence fence) {
      super(Lane.WRITE_BEHIND, database, fence);
    }
  }
}
