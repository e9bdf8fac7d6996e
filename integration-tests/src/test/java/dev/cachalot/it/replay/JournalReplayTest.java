package dev.cachalot.it.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.Cachalot;
import dev.cachalot.CachalotException;
import dev.cachalot.CacheEvent;
import dev.cachalot.WriteBehindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writes acknowledged while the database was down stay in the local journal when the Cachalot
 * closes, and a new Cachalot on the same journal writes them through its decorators: for every key
 * shape, in order per key, the generated and the run-time decorators replaying each other's writes,
 * with the JSON codec that {@code cachalot-redis} provides on the class path.
 */
class JournalReplayTest {

  @TempDir Path journal;

  static List<Arguments> writerAndReplayer() {
    List<Arguments> all = new ArrayList<>();
    for (boolean writer : new boolean[] {true, false}) {
      for (boolean replayer : new boolean[] {true, false}) {
        all.add(Arguments.of(writer, replayer));
      }
    }
    return all;
  }

  private Cachalot cachalot(boolean generated, List<CacheEvent> events) {
    return Cachalot.builder()
        .journal(journal)
        .useGeneratedDecorators(generated)
        .closeTimeout(Duration.ZERO)
        .shutdownHook(false)
        .listener(events::add)
        .build();
  }

  @ParameterizedTest(name = "written generated={0}, replayed generated={1}")
  @MethodSource("writerAndReplayer")
  void everyKeyShapeIsReplayedInOrderAfterARestart(boolean writer, boolean replayer) {
    InMemoryLedger down = new InMemoryLedger();
    down.down = true;
    try (Cachalot first = cachalot(writer, new CopyOnWriteArrayList<>())) {
      LedgerDao dao = first.decorate(LedgerDao.class, down);
      dao.record(new Entry(1, "one"));
      dao.record(new Entry(2, "two"));
      dao.record(new Entry(1, "one, again"));
      dao.remove(2);
      dao.record(new Entry(3, "three"));
      dao.save("acme", 7, new Entry(7, "acme seven"));
      dao.save("globex", 7, new Entry(7, "globex seven"));
      dao.remove("globex", 7);
      dao.store(new long[] {4, 5}, new Entry(45, "four and five"));
      dao.publish(new Entry(9, "latest"));
      assertThat(first.cache("ledger").pendingWrites()).isEqualTo(3);
    }
    assertThat(down.calls).as("nothing reached the database").isEmpty();

    InMemoryLedger database = new InMemoryLedger();
    database.ledger.put(2L, new Entry(2, "two, before the writes"));
    database.tenantLedger.put("globex/7", new Entry(7, "globex, before"));
    List<CacheEvent> events = new CopyOnWriteArrayList<>();
    try (Cachalot second = cachalot(replayer, events)) {
      database.down = true;
      LedgerDao dao = second.decorate(LedgerDao.class, database);

      assertThat(dao.find(1))
          .as("a recovered write is read from the buffer until the database has it")
          .isEqualTo(new Entry(1, "one, again"));
      database.down = false;
      second.caches().forEach(cache -> cache.flush());

      assertThat(database.ledger)
          .isEqualTo(Map.of(1L, new Entry(1, "one, again"), 3L, new Entry(3, "three")));
      assertThat(database.tenantLedger).isEqualTo(Map.of("acme/7", new Entry(7, "acme seven")));
      assertThat(database.batches).isEqualTo(Map.of("[4, 5]", new Entry(45, "four and five")));
      assertThat(database.latest).isEqualTo(Map.of("latest", new Entry(9, "latest")));
      assertThat(database.calls)
          .as("one call per key: the newest write of each, deletes included")
          .containsExactlyInAnyOrder(
              "record 1",
              "remove 2",
              "record 3",
              "save acme/7",
              "remove globex/7",
              "store [4, 5]",
              "publish 9");
      assertThat(second.cache("ledger").stats().recoveredWrites()).isEqualTo(3);
      assertThat(second.cache("tenantLedger").stats().recoveredWrites()).isEqualTo(2);
      assertThat(events.stream().filter(e -> e.kind() == CacheEvent.Kind.WRITE_RECOVERED))
          .hasSize(7);
    }

    InMemoryLedger after = new InMemoryLedger();
    try (Cachalot third = cachalot(replayer, new CopyOnWriteArrayList<>())) {
      third.decorate(LedgerDao.class, after);
      third.caches().forEach(cache -> assertThat(cache.pendingWrites()).isZero());
    }
    assertThat(after.calls).as("what was written is not written again").isEmpty();
  }

  @Test
  void aWriteAfterTheRestartReplacesTheRecoveredWriteOfItsKey() {
    InMemoryLedger down = new InMemoryLedger();
    down.down = true;
    try (Cachalot first = cachalot(true, new CopyOnWriteArrayList<>())) {
      first.decorate(LedgerDao.class, down).record(new Entry(1, "before the crash"));
    }
    InMemoryLedger database = new InMemoryLedger();
    try (Cachalot second = cachalot(true, new CopyOnWriteArrayList<>())) {
      database.down = true; // the recovered write cannot be written yet
      LedgerDao dao = second.decorate(LedgerDao.class, database);
      dao.record(new Entry(1, "after the restart"));
      database.down = false;
      second.cache("ledger").flush();
    }
    assertThat(database.ledger).isEqualTo(Map.of(1L, new Entry(1, "after the restart")));
    assertThat(database.calls).containsExactly("record 1");
  }

  @Test
  void recoveredWritesWaitForTheInterfaceThatMadeThem() {
    InMemoryLedger down = new InMemoryLedger();
    down.down = true;
    try (Cachalot first = cachalot(true, new CopyOnWriteArrayList<>())) {
      first.decorate(ArchiveDao.class, down).archive(new Entry(5, "archived"));
      first.decorate(LedgerDao.class, down).record(new Entry(6, "recorded"));
    }
    InMemoryLedger database = new InMemoryLedger();
    try (Cachalot second = cachalot(true, new CopyOnWriteArrayList<>())) {
      second.decorate(LedgerDao.class, database);

      assertThatThrownBy(() -> second.cache("ledger").flush())
          .isInstanceOf(WriteBehindException.class)
          .hasMessageContaining("1 pending writes were not written")
          .hasMessageContaining("recovered from journal " + journal)
          .hasMessageContaining("dev.cachalot.it.replay.ArchiveDao#archive(");
      assertThat(database.calls).containsExactly("record 6");

      second.decorate(ArchiveDao.class, database);
      second.cache("ledger").flush();
      assertThat(database.calls).containsExactly("record 6", "archive 5");
    }
  }

  @Test
  void aMethodThatCannotBeReplayedIsRefusedWhenTheCacheIsJournaled() {
    try (Cachalot cachalot = cachalot(true, new CopyOnWriteArrayList<>())) {
      assertThatThrownBy(() -> cachalot.decorate(AuditedLedgerDao.class, new InMemoryLedger()))
          .isInstanceOf(CachalotException.class)
          .hasMessageContaining("cache 'audited' keeps its write-behind writes in journal")
          .hasMessageContaining(
              "its parameter 'user' is neither its value nor a whole part of its key")
          .hasMessageContaining("writeBehindInMemory(\"audited\")");
    }
    try (Cachalot inMemory =
        Cachalot.builder()
            .journal(journal.resolve("other"))
            .writeBehindInMemory("audited")
            .build()) {
      InMemoryLedger database = new InMemoryLedger();
      inMemory.decorate(AuditedLedgerDao.class, database).record(new Entry(1, "one"), "ann");
      inMemory.cache("audited").flush();
      assertThat(database.calls).containsExactly("record 1 by ann");
    }
  }
}
