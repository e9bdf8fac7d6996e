package dev.cachalot;

import static dev.cachalot.Generated.caches;
import static dev.cachalot.Generated.delete;
import static dev.cachalot.Generated.load;
import static dev.cachalot.Generated.write;
import static dev.cachalot.Generated.writeAndCacheResult;
import static dev.cachalot.Generated.writeReturning;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.CacheEvent.Kind;
import dev.cachalot.Stress.Outcome;
import dev.cachalot.internal.CacheDeclaration;
import dev.cachalot.internal.WriteThroughEngine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Write-through under random concurrent reads, writes (of every kind) and deletes on a database
 * with random latency and failures: afterwards cache == database for every key, and the database
 * holds the last acknowledged write of every key.
 */
class WriteThroughStressTest {

  private static final int ROUNDS = 40;
  private static final int STEPS = 50;

  @RepeatedTest(6)
  void afterRandomConcurrentTrafficTheCacheEqualsTheDatabase(RepetitionInfo repetition)
      throws Exception {
    long seed = Stress.seed(repetition.getCurrentRepetition());
    Stress.Db db = new Stress.Db();
    db.readFailureRate = 0.05;
    db.writeFailureRate = 0.1;
    TestStore store = new TestStore();
    Stress.EventCounts events = new Stress.EventCounts();
    try (Cachalot cachalot =
        Cachalot.builder().store(store).listener(events).ttlJitter(0.2).build()) {
      WriteThroughEngine<Long, Product> sessions =
          caches(cachalot)
              .writeThrough(
                  CacheDeclaration.<Long, Product>named("sessions")
                      .keyType(Long.class)
                      .valueType(Product.class)
                      .ttl(Duration.ofMinutes(10))
                      .negativeTtl(Duration.ofMinutes(10))
                      .build());
      Stress.Log log = new Stress.Log();
      int seeded = Stress.seedRows(db, log);
      AtomicLong checkReads = new AtomicLong();
      LongFunction<Product> checkRead =
          key -> {
            checkReads.incrementAndGet();
            return db.rows.get(key);
          };

      long millis =
          Stress.run(
              seed,
              log,
              ROUNDS,
              STEPS,
              (worker, random, ops) -> {
                long key = random.nextInt(Stress.KEYS);
                int dice = random.nextInt(100);
                if (dice < 55) {
                  try {
                    read(sessions, db, key);
                  } catch (Stress.DbFailure | CacheLoadException e) {
                    // a failed load: nothing cached, nothing to check
                  }
                } else if (dice < 88) {
                  Product value = ops.value(key, worker);
                  long start = System.nanoTime();
                  try {
                    switch (dice % 3) {
                      case 0 -> write(sessions, key, value, () -> db.save(value));
                      case 1 ->
                          writeReturning(
                              sessions,
                              key,
                              value,
                              () -> {
                                db.save(value);
                                return 1;
                              });
                      default ->
                          writeAndCacheResult(
                              sessions,
                              key,
                              () -> {
                                db.save(value);
                                return value;
                              });
                    }
                    ops.add(key, value, start, Outcome.ACKNOWLEDGED);
                  } catch (Stress.DbFailure e) {
                    ops.add(key, value, start, CacheAsideStressTest.failed(e));
                  }
                } else {
                  long start = System.nanoTime();
                  try {
                    delete(sessions, key, () -> db.delete(key));
                    ops.add(key, null, start, Outcome.ACKNOWLEDGED);
                  } catch (Stress.DbFailure e) {
                    ops.add(key, null, start, CacheAsideStressTest.failed(e));
                  }
                }
              },
              () -> {
                Stress.checkDatabase(seed, db, log, false);
                Stress.checkCache(
                    seed,
                    db,
                    key -> store.entry("sessions", key),
                    key -> read(sessions, checkRead, key));
              });
      db.failNothing();

      CacheStats stats = cachalot.cache("sessions").stats();
      String about = "seed " + seed + ", " + stats + ", " + millis + " ms";
      assertThat(stats.writes())
          .as(about)
          .isEqualTo(log.count(Outcome.ACKNOWLEDGED, false) - seeded);
      assertThat(stats.deletes()).as(about).isEqualTo(log.count(Outcome.ACKNOWLEDGED, true));
      assertThat(stats.loads()).as(about).isEqualTo(db.reads.sum() + checkReads.get());
      assertThat(events.of(Kind.DATABASE_WRITE))
          .as(about)
          .isEqualTo(db.writeCalls.sum() - db.failedWriteCalls.sum());
      assertThat(events.of(Kind.DATABASE_WRITE_FAILED))
          .as(about)
          .isEqualTo(db.failedWriteCalls.sum());
      assertThat(events.of(Kind.FILL) + events.of(Kind.STALE_FILL_REJECTED))
          .as(about)
          .isEqualTo(stats.loads());

      Stress.checkDatabase(seed, db, log, false);
      Stress.checkCache(
          seed, db, key -> store.entry("sessions", key), key -> read(sessions, db, key));
    }
  }

  private static Product read(WriteThroughEngine<Long, Product> sessions, Stress.Db db, long key) {
    return read(sessions, db::read, key);
  }

  /** What a generated read method does. */
  private static Product read(
      WriteThroughEngine<Long, Product> sessions, LongFunction<Product> database, long key) {
    Product cached = sessions.getIfPresent(key);
    return cached != null ? cached : load(sessions, key, () -> database.apply(key));
  }
}
