package dev.cachalot.examples.shop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.examples.shop.Event;
import dev.cachalot.examples.shop.EventKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shop's write-behind write is idempotent, as a durable write-behind log requires: a batch
 * written again (after a crash, its first write may have reached the database) leaves one row per
 * event, on H2 and on the local PostgreSQL.
 */
class JdbcEventDaoTest {

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aBatchWrittenTwiceLeavesOneRowPerEvent(boolean postgres) throws Exception {
    ShopConfig config = ShopConfig.defaults();
    if (postgres) {
      ShopAppPostgresTest.requireServer();
      config =
          config.withDatabase(
              ShopAppPostgresTest.URL, "shop_events_" + Long.toHexString(System.nanoTime()));
    }
    try (ShopDatabase database = ShopDatabase.open(config)) {
      try {
        JdbcEventDao dao = new JdbcEventDao(database.dataSource());
        Instant at = Instant.parse("2026-12-01T12:00:00Z");
        List<Event> batch =
            List.of(
                new Event(1, "alice", EventKind.PAGE_VIEW, 10, at),
                new Event(2, "bob", EventKind.PAGE_VIEW, 11, at));

        dao.insertAll(batch);
        dao.insertAll(batch);
        dao.insertAll(List.of(batch.get(1), new Event(3, "carol", EventKind.PAGE_VIEW, 12, at)));

        assertThat(dao.count()).isEqualTo(3);
      } finally {
        if (postgres) {
          database.dropSchema();
        }
      }
    }
  }
}
