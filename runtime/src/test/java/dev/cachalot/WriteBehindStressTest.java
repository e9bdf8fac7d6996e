package dev.cachalot;

import static dev.cachalot.Generated.caches;
import static dev.cachalot.Generated.delete;
import static dev.cachalot.Generated.load;
import static dev.cachalot.Generated.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.CacheEvent.Kind;
import dev.cachalot.Stress.Outcome;
import dev.cachalot.internal.CacheDeclaration;
import dev.cachalot.internal.WriteBehindEngine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Write-behind under random concurrent reads, writes, deletes and invalidations, a buffer smaller
 * than the key set (so writers meet backpressure), and a database with random latency and failures.
 * At every quiescent point (between rounds) the database is healed and flushed until a flush
 * succeeds; then nothing is pending, the database holds the last acknowledged write or delete of
 * every key, and cache == database. Even seeds flush through a batch method, odd ones write one by
 * one.
 */
class WriteBehindStressTest {

  private static final int ROUNDS = 30;
  private static final int STEPS = 75;
  private static final double READ_FAILURES = 0.05;
  private static final double WRITE_FAILURES = 0.1;

  @RepeatedTest(8)
  void afterRandomConcurrentTrafficAndAFailingDatabaseNoAcknowledgedWriteIsLost(
      RepetitionInfo repetition) throws Exception {
    long seed = Stress.seed(repetition.getCurrentRepetition());
    boolean batched = seed % 2 == 0;
    Stress.Db db = new Stress.Db();
    db.readFailureRate = READ_FAILURES;
    db.writeFailureRate = WRITE_FAILURES;
    TestStore store = new TestStore();
    Stress.EventCounts events = new Stress.EventCounts();
    try (Cachalot cachalot =
        Cachalot.builder()
            .store(store)
            .listener(events)
            .ttlJitter(0.2)
            .retryBackoff(Duration.ofNanos(100_000), Duration.ofMillis(5))
            .stillFailingAfter(3)
            .writeBehindFullTimeout(Duration.ofSeconds(20))
            .build()) {
      CacheDeclaration<Long, Product> spec =
          CacheDeclaration.<Long, Product>named("events")
              .keyType(Long.class)
              .valueType(Product.class)
              .ttl(Duration.ofMinutes(10))
              .negativeTtl(Duration.ofMinutes(10))
              .flushInterval(Duration.ofMillis(2))
              .maxBatch(3)
              .capacity(6)
              .build();
      WriteBehindEngine<Long, Product> engine =
          batched
              ? caches(cachalot).writeBehind(spec, db::saveAll)
              : caches(cachalot).writeBehind(spec);
      CacheHandle handle = cachalot.cache("events");
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
                if (dice < 45) {
                  try {
                    read(engine, db::read, key);
                  } catch (Stress.DbFailure | CacheLoadException e) {
                    // a failed load: nothing cached, nothing to check
                  }
                } else if (dice < 83) {
                  Product value = ops.value(key, worker);
                  long start = System.nanoTime();
                  try {
                    write(engine, key, value, () -> db.save(value));
                    ops.add(key, value, start, Outcome.ACKNOWLEDGED);
                  } catch (WriteBehindFullException e) {
                    ops.add(key, value, start, Outcome.FAILED_NOT_APPLIED);
                  }
                } else if (dice < 98) {
                  long start = System.nanoTime();
                  try {
                    delete(engine, key, () -> db.delete(key));
                    ops.add(key, null, start, Outcome.ACKNOWLEDGED);
                  } catch (WriteBehindFullException e) {
                    ops.add(key, null, start, Outcome.FAILED_NOT_APPLIED);
                  }
                } else if (dice < 99) {
                  engine.invalidate(key);
                } else {
                  engine.invalidateAll();
                }
              },
              () -> {
                db.failNothing();
                flushUntilItSucceeds(seed, handle);
                assertThat(handle.pendingWrites()).as("seed %d: pending", seed).isZero();
                Stress.checkDatabase(seed, db, log, true);
                Stress.checkCache(
                    seed,
                    db,
                    key -> store.entry("events", key),
                    key -> read(engine, checkRead, key));
                db.readFailureRate = READ_FAILURES;
                db.writeFailureRate = WRITE_FAILURES;
              });
      db.failNothing();
      flushUntilItSucceeds(seed, handle);

      CacheStats stats = handle.stats();
      String about =
          "seed " + seed + (batched ? " (batched), " : ", ") + stats + ", " + millis + " ms";
      assertThat(handle.pendingWrites()).as(about).isZero();
      assertThat(stats.failedFlushAttempts()).as(about).isEqualTo(db.failedWriteCalls.sum());
      assertThat(stats.flushedWrites()).as(about).isEqualTo(db.acknowledgedRows.sum());
      assertThat(stats.writes())
          .as(about)
          .isEqualTo(log.count(Outcome.ACKNOWLEDGED, false) - seeded);
      assertThat(stats.deletes()).as(about).isEqualTo(log.count(Outcome.ACKNOWLEDGED, true));
      assertThat(stats.loads()).as(about).isEqualTo(db.reads.sum() + checkReads.get());
      assertThat(events.of(Kind.FLUSH_FAILED)).as(about).isEqualTo(stats.failedFlushAttempts());
      assertThat(events.of(Kind.ENQUEUE)).as(about).isEqualTo(stats.writes() + stats.deletes());
      assertThat(stats.failedFlushAttempts()).as(about + ": failures were injected").isPositive();

      Stress.checkDatabase(seed, db, log, true);
      Stress.checkCache(
          seed, db, key -> store.entry("events", key), key -> read(engine, db::read, key));
    }
  }

  private static void flushUntilItSucceeds(long seed, CacheHandle handle) {
    for (int flushes = 1; ; flushes++) {
      try {
        handle.flush();
        return;
      } catch (WriteBehindException e) {
        // a write that failed before the database was healed is retried by the next flush
        assertThat(flushes)
            .as("seed %d: flushes until the database has everything", seed)
            .isLessThan(100);
      }
    }
  }

  /** What a generated read method does. */
  private static Product read(
      WriteBehindEngine<Long, Product> engine, LongFunction<Product> database, long key) {
    Product cached = engine.getIfPresent(key);
    return cached != null ? cached : load(engine, key, () -> database.apply(key));
  }
}
