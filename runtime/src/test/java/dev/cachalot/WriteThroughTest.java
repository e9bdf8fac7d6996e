package dev.cachalot;

import static dev.cachalot.CacheAsideTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
      cachalot.writeThrough(
          CacheSpec.<Long, Product>named("sessions")
              .keyType(Long.class)
              .valueType(Product.class)
              .ttl(Duration.ofMinutes(30))
              .build());

  @AfterEach
  void close() {
    cachalot.close();
  }

  @Test
  void aWriteCachesTheValueAfterTheDatabase() {
    Product value = new Product(1, "anchor");

    sessions.write(
        1L,
        value,
        () -> {
          assertThat(sessions.getIfPresent(1L)).as("cached before the database").isNull();
          db.save(value);
        });

    assertThat(db.rows).containsEntry(1L, value);
    assertThat(sessions.load(1L, () -> db.find(1))).isEqualTo(value);
    assertThat(db.finds).hasValue(0);
    assertThat(cachalot.cache("sessions").stats().writes()).isEqualTo(1);
  }

  @Test
  void aFailingDatabaseWriteLeavesNoNewValue() {
    Product old = new Product(1, "old");
    sessions.write(1L, old, () -> db.save(old));
    db.failures.set(1);

    assertThatThrownBy(() -> sessions.write(1L, new Product(1, "new"), () -> db.save(old)))
        .isInstanceOf(FakeDb.DbFailure.class);

    assertThat(sessions.getIfPresent(1L)).isNull();
    assertThat(cachalot.cache("sessions").stats().writes()).isEqualTo(1);
  }

  @Test
  void writeReturningCachesTheValueAndReturnsTheResult() {
    Product value = new Product(1, "anchor");

    int rows = sessions.writeReturning(1L, value, () -> 1);

    assertThat(rows).isEqualTo(1);
    assertThat(sessions.getIfPresent(1L)).isEqualTo(value);
  }

  @Test
  void writeAndCacheResultCachesTheReturnedValue() {
    Product created = sessions.writeAndCacheResult(() -> db.create("anchor"), Product::id);

    assertThat(created.id()).isEqualTo(1001);
    assertThat(sessions.getIfPresent(1001L)).isEqualTo(created);

    Product renamed =
        sessions.writeAndCacheResult(
            1001L,
            () -> {
              Product product = new Product(1001, "renamed");
              db.save(product);
              return product;
            });
    assertThat(sessions.getIfPresent(1001L)).isEqualTo(renamed);
  }

  @Test
  void deleteRemovesTheKeyAfterTheDatabase() {
    Product value = new Product(1, "anchor");
    sessions.write(1L, value, () -> db.save(value));

    sessions.delete(
        1L,
        () -> {
          assertThat(sessions.getIfPresent(1L)).isEqualTo(value);
          db.delete(1);
        });

    assertThat(sessions.getIfPresent(1L)).isNull();
    assertThat(db.rows).doesNotContainKey(1L);
  }

  @Test
  void aFillThatRacedWithAWriteDoesNotOverwriteIt() throws Exception {
    db.rows.put(1L, new Product(1, "old"));
    CountDownLatch loadedOld = new CountDownLatch(1);
    CountDownLatch writerDone = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Product> reader =
          pool.submit(
              () ->
                  sessions.load(
                      1L,
                      () -> {
                        Product old = db.find(1);
                        loadedOld.countDown();
                        await(writerDone);
                        return old;
                      }));
      assertThat(loadedOld.await(10, TimeUnit.SECONDS)).isTrue();
      Product fresh = new Product(1, "new");
      sessions.write(1L, fresh, () -> db.save(fresh));
      writerDone.countDown();
      reader.get(10, TimeUnit.SECONDS);
    } finally {
      writerDone.countDown();
      pool.shutdownNow();
    }
    assertThat(sessions.getIfPresent(1L)).isEqualTo(new Product(1, "new"));
    assertThat(cachalot.cache("sessions").stats().staleFillsRejected()).isEqualTo(1);
  }

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
                    sessions.write(
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
}
