package dev.cachalot;

import static dev.cachalot.Generated.caches;
import static dev.cachalot.Generated.delete;
import static dev.cachalot.Generated.load;
import static dev.cachalot.Generated.write;
import static dev.cachalot.Generated.writeAndCacheResult;
import static dev.cachalot.Generated.writeReturning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.internal.CacheDeclaration;
import dev.cachalot.internal.WriteThroughEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteThroughTest {

  private final FakeDb db = new FakeDb();
  private final Cachalot cachalot = Cachalot.inMemory();
  private final WriteThroughEngine<Long, Product> sessions =
      caches(cachalot)
          .writeThrough(
              CacheDeclaration.<Long, Product>named("sessions")
                  .keyType(Long.class)
                  .valueType(Product.class)
                  .ttl(Duration.ofMinutes(30))
                  .build());

  @AfterEach
  void close() {
    cachalot.close();
  }

  // Catches: write() putting the value into the cache before the database call.
  @Test
  void aWriteCachesTheValueAfterTheDatabase() {
    Product value = new Product(1, "anchor");

    write(
        sessions,
        1L,
        value,
        () -> {
          assertThat(sessions.getIfPresent(1L)).as("cached before the database").isNull();
          db.save(value);
        });

    assertThat(db.rows).containsEntry(1L, value);
    assertThat(load(sessions, 1L, () -> db.find(1))).isEqualTo(value);
    assertThat(db.finds).hasValue(0);
    assertThat(cachalot.cache("sessions").stats().writes()).isEqualTo(1);
  }

  // Catches: write() caching its value although the database call threw (a put in a finally
  // block), and write() leaving the old value cached although the database state is unknown.
  @Test
  void aFailingDatabaseWriteLeavesNoNewValue() {
    Product old = new Product(1, "old");
    write(sessions, 1L, old, () -> db.save(old));
    db.failures.set(1);

    assertThatThrownBy(() -> write(sessions, 1L, new Product(1, "new"), () -> db.save(old)))
        .isInstanceOf(FakeDb.DbFailure.class);

    assertThat(sessions.getIfPresent(1L)).isNull();
    assertThat(cachalot.cache("sessions").stats().writes()).isEqualTo(1);
  }

  @Test
  void writeReturningCachesTheValueAndReturnsTheResult() {
    Product value = new Product(1, "anchor");

    int rows = writeReturning(sessions, 1L, value, () -> 1);

    assertThat(rows).isEqualTo(1);
    assertThat(sessions.getIfPresent(1L)).isEqualTo(value);
  }

  @Test
  void writeAndCacheResultCachesTheReturnedValue() {
    Product created = writeAndCacheResult(sessions, () -> db.create("anchor"), Product::id);

    assertThat(created.id()).isEqualTo(1001);
    assertThat(sessions.getIfPresent(1001L)).isEqualTo(created);

    Product renamed =
        writeAndCacheResult(
            sessions,
            1001L,
            () -> {
              Product product = new Product(1001, "renamed");
              db.save(product);
              return product;
            });
    assertThat(sessions.getIfPresent(1001L)).isEqualTo(renamed);
  }

  // Catches: delete() invalidating before the database call, or not at all.
  @Test
  void deleteRemovesTheKeyAfterTheDatabase() {
    Product value = new Product(1, "anchor");
    write(sessions, 1L, value, () -> db.save(value));

    delete(
        sessions,
        1L,
        () -> {
          assertThat(sessions.getIfPresent(1L)).isEqualTo(value);
          db.delete(1);
        });

    assertThat(sessions.getIfPresent(1L)).isNull();
    assertThat(db.rows).doesNotContainKey(1L);
  }

  // Catches: cachePut() changing the entry without bumping the key's version (no change()).
  @Test
  void aFillThatRacedWithAWriteDoesNotOverwriteIt() throws Exception {
    db.rows.put(1L, new Product(1, "old"));
    StalledLoad reader = StalledLoad.start(sessions, db, 1);
    Product fresh = new Product(1, "new");
    write(sessions, 1L, fresh, () -> db.save(fresh));
    reader.finish();
    assertThat(sessions.getIfPresent(1L)).isEqualTo(new Product(1, "new"));
    assertThat(cachalot.cache("sessions").stats().staleFillsRejected()).isEqualTo(1);
  }

  // Catches: write() without the key's lock (probabilistically; concurrentWritesCannotInterleave...
  // below forces the interleaving).
  @Test
  void concurrentWritesToOneKeyLeaveCacheEqualToDatabase() throws Exception {
    int threads = 6;
    int rounds = 300;
    List<String> mismatches = new CopyOnWriteArrayList<>();
    CyclicBarrier roundStart = new CyclicBarrier(threads);
    CyclicBarrier roundEnd =
        new CyclicBarrier(
            threads,
            () -> {
              Product cached = sessions.getIfPresent(1L);
              Product stored = db.rows.get(1L);
              if (!Objects.equals(cached, stored)) {
                mismatches.add("cache " + cached + " but database " + stored);
              }
            });
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int writer = t;
        writers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < rounds; i++) {
                    roundStart.await(10, TimeUnit.SECONDS);
                    Product value = new Product(1, "writer " + writer + " round " + i);
                    write(
                        sessions,
                        1L,
                        value,
                        () -> {
                          db.rows.put(1L, value);
                          Thread.yield(); // widen the window between database and cache
                        });
                    roundEnd.await(10, TimeUnit.SECONDS);
                  }
                  return null;
                }));
      }
      for (Future<?> writer : writers) {
        writer.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(mismatches).isEmpty();
  }

  // Catches: write() running the database call and the cache put without the key's lock. The
  // interleaving: A's row reaches the database, B writes database and cache, then A caches its
  // (now older) value. With the lock B cannot start until A cached.
  @Test
  void concurrentWritesCannotInterleaveDatabaseAndCache() throws Exception {
    Product a = new Product(1, "a");
    Product b = new Product(1, "b");
    Gate aApplied = new Gate();
    Worker writerA =
        Worker.start(
            "writer-a",
            () ->
                write(
                    sessions,
                    1L,
                    a,
                    () -> {
                      db.rows.put(1L, a);
                      aApplied.pass();
                    }));
    aApplied.awaitArrival(); // A's row is in the database; A has not cached it yet
    Worker writerB =
        Worker.start("writer-b", () -> write(sessions, 1L, b, () -> db.rows.put(1L, b)));
    Await.blockedOrDone(writerB.thread()); // B waits for A's lock (or, without it, runs through)
    aApplied.open();
    writerA.joinNormally();
    writerB.joinNormally();

    assertThat(db.rows).containsEntry(1L, b);
    assertThat(sessions.getIfPresent(1L)).as("cache == database").isEqualTo(b);
  }

  // Catches: delete() without the key's lock: a write's row is in the database, the delete removes
  // row and entry, then the write caches a value the database no longer has.
  @Test
  void aDeleteCannotInterleaveWithAWrite() throws Exception {
    Product a = new Product(1, "a");
    Gate aApplied = new Gate();
    Worker writer =
        Worker.start(
            "writer",
            () ->
                write(
                    sessions,
                    1L,
                    a,
                    () -> {
                      db.rows.put(1L, a);
                      aApplied.pass();
                    }));
    aApplied.awaitArrival();
    Worker deleter = Worker.start("deleter", () -> delete(sessions, 1L, () -> db.delete(1)));
    Await.blockedOrDone(deleter.thread());
    aApplied.open();
    writer.joinNormally();
    deleter.joinNormally();

    assertThat(db.rows).doesNotContainKey(1L);
    assertThat(sessions.getIfPresent(1L)).as("deleted from both").isNull();
  }

  // Catches: store() letting a failed cache put propagate without invalidating, which leaves the
  // old value cached over the database's new one.
  @Test
  void aCachePutThatFailsAfterTheDatabaseWriteDropsTheOldValue() {
    TestStore store = new TestStore();
    try (Cachalot withStore = Cachalot.builder().store(store).build()) {
      WriteThroughEngine<Long, Product> engine =
          caches(withStore)
              .writeThrough(
                  CacheDeclaration.<Long, Product>named("sessions")
                      .keyType(Long.class)
                      .valueType(Product.class)
                      .build());
      Product old = new Product(1, "old");
      Product fresh = new Product(1, "new");
      write(engine, 1L, old, () -> db.save(old));
      store.failPut = (key, value) -> fresh.equals(value);

      assertThatThrownBy(() -> write(engine, 1L, fresh, () -> db.save(fresh)))
          .isInstanceOf(CachalotException.class)
          .hasMessageContaining("sessions")
          .hasCauseInstanceOf(TestStore.StoreFailure.class);

      assertThat(db.rows).containsEntry(1L, fresh);
      assertThat(store.entry("sessions", 1L)).as("no stale entry").isNull();
      store.failPut = (key, value) -> false;
      assertThat(load(engine, 1L, () -> db.find(1))).isEqualTo(fresh);
    }
  }
}
