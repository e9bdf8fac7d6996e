package dev.cachalot;

import static dev.cachalot.Generated.caches;
import static dev.cachalot.Generated.delete;
import static dev.cachalot.Generated.load;
import static dev.cachalot.Generated.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.CacheEvent.Kind;
import dev.cachalot.Stress.Outcome;
import dev.cachalot.internal.CacheAsideEngine;
import dev.cachalot.internal.CacheDeclaration;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Cache-aside under random concurrent reads, writes, deletes and invalidations, on a database with
 * random latency and failures: afterwards the cache holds nothing the database does not, and the
 * database holds the last acknowledged write of every key.
 */
class CacheAsideStressTest {

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
      CacheAsideEngine<Long, Product> products =
          caches(cachalot)
              .cacheAside(
                  CacheDeclaration.<Long, Product>named("products")
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
                    read(products, db, key);
                  } catch (Stress.DbFailure | CacheLoadException e) {
                    // a failed load: nothing cached, nothing to check
                  }
                } else if (dice < 85) {
                  Product value = ops.value(key, worker);
                  long start = System.nanoTime();
                  try {
                    write(products, key, () -> db.save(value));
                    ops.add(key, value, start, Outcome.ACKNOWLEDGED);
                  } catch (Stress.DbFailure e) {
                    ops.add(key, value, start, failed(e));
                  }
                } else if (dice < 97) {
                  long start = System.nanoTime();
                  try {
                    delete(products, key, () -> db.delete(key));
                    ops.add(key, null, start, Outcome.ACKNOWLEDGED);
                  } catch (Stress.DbFailure e) {
                    ops.add(key, null, start, failed(e));
                  }
                } else if (dice < 99) {
                  products.invalidate(key);
                } else {
                  cachalot.cache("products").invalidateAll();
                }
              },
              () -> {
                Stress.checkDatabase(seed, db, log, false);
                Stress.checkCache(
                    seed,
                    db,
                    key -> store.entry("products", key),
                    key -> read(products, checkRead, key));
              });
      db.failNothing();

      CacheStats stats = cachalot.cache("products").stats();
      String about = "seed " + seed + ", " + stats + ", " + millis + " ms";
      assertThat(stats.loads()).as(about).isEqualTo(db.reads.sum() + checkReads.get());
      assertThat(stats.loadFailures()).as(about).isEqualTo(db.failedReads.sum());
      assertThat(stats.writes())
          .as(about)
          .isEqualTo(log.count(Outcome.ACKNOWLEDGED, false) - seeded);
      assertThat(stats.deletes()).as(about).isEqualTo(log.count(Outcome.ACKNOWLEDGED, true));
      assertThat(events.of(Kind.LOAD)).as(about).isEqualTo(stats.loads());
      assertThat(events.of(Kind.FILL) + events.of(Kind.STALE_FILL_REJECTED))
          .as(about + ": every load fills or is rejected (absence is cached too)")
          .isEqualTo(stats.loads());
      assertThat(events.of(Kind.STALE_FILL_REJECTED))
          .as(about)
          .isEqualTo(stats.staleFillsRejected());
      assertThat(events.of(Kind.DATABASE_WRITE_FAILED))
          .as(about)
          .isEqualTo(db.failedWriteCalls.sum());

      Stress.checkDatabase(seed, db, log, false);
      Stress.checkCache(
          seed, db, key -> store.entry("products", key), key -> read(products, db, key));
    }
  }

  private static Product read(CacheAsideEngine<Long, Product> products, Stress.Db db, long key) {
    return read(products, db::read, key);
  }

  /** What a generated read method does. */
  private static Product read(
      CacheAsideEngine<Long, Product> products, LongFunction<Product> database, long key) {
    Product cached = products.getIfPresent(key);
    return cached != null ? cached : load(products, key, () -> database.apply(key));
  }

  static Outcome failed(Stress.DbFailure failure) {
    return failure.applied ? Outcome.FAILED_APPLIED : Outcome.FAILED_NOT_APPLIED;
  }
}
