package dev.cachalot.examples.simulator;

import java.util.Arrays;

/** The simulator's three lanes: one strategy each, with its own cache, table and DAO interface. */
enum Lane {
  CACHE_ASIDE(CacheAsideUsers.CACHE, "Cache-Aside", CacheAsideUsers.class),
  WRITE_THROUGH(WriteThroughUsers.CACHE, "Write-Through", WriteThroughUsers.class),
  WRITE_BEHIND(WriteBehindUsers.CACHE, "Write-Behind", WriteBehindUsers.class);

  /** The lane's id in URLs and the name of its cache: {@code cache-aside}. */
  final String id;

  /** The strategy's name as the article writes it. */
  final String title;

  /** The annotated interface that the lane's DAO bean implements. */
  final Class<? extends Users> dao;

  Lane(String id, String title, Class<? extends Users> dao) {
    this.id = id;
    this.title = title;
    this.dao = dao;
  }

  /** The lane's table: {@code users_cache_aside}. */
  String table() {
    return "users_" + id.replace('-', '_');
  }

  /** The lane with this id; an unknown id is an {@link IllegalArgumentException}. */
  static Lane of(String id) {
    return Arrays.stream(values())
        .filter(lane -> lane.id.equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no lane '"
                        + id
                        + "'; the lanes are cache-aside, write-through, write-behind"));
  }
}
