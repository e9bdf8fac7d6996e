package dev.cachalot;

import static dev.cachalot.Generated.caches;
import static dev.cachalot.Generated.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cachalot.internal.CacheDeclaration;
import dev.cachalot.internal.WriteBehindEngine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Write-behind under a failing database: retries with backoff, per-key order, one bad row, flush()
 * and close() with writes that keep failing, backpressure while the database is down.
 */
class WriteBehindRetryTest {

  private static final Duration NEVER = Duration.ofHours(1);

  /** An event and when the listener heard it. */
  record Heard(CacheEvent event, long nanos) {}

  private final FakeDb db = new FakeDb();
  private final List<Heard> heard = new CopyOnWriteArrayList<>();
  private Cachalot cachalot;

  @AfterEach
  void close() {
    Gate gate = db.gate;
    if (gate != null) {
      gate.open();
    }
    db.failures.set(0);
    db.failIf = row -> false;
    if (cachalot != null) {
      cachalot.close();
    }
  }

  private Cachalot cachalot(Consumer<Cachalot.Builder> settings) {
    Cachalot.Builder builder =
        Cachalot.builder().listener(e -> heard.add(new Heard(e, System.nanoTime())));
    settings.accept(builder);
    cachalot = builder.build();
    return cachalot;
  }

  private static CacheDeclaration.Builder<Long, Product> spec() {
    return CacheDeclaration.<Long, Product>named("events")
        .keyType(Long.class)
        .valueType(Product.class);
  }

  private void write(WriteBehindEngine<Long, Product> engine, Product product) {
    engine.write(product.id(), product, () -> db.save(product));
  }

  private List<CacheEvent> events(CacheEvent.Kind kind) {
    return heard.stream().map(Heard::event).filter(e -> e.kind() == kind).toList();
  }

  private List<Heard> heard(CacheEvent.Kind kind) {
    return heard.stream().filter(h -> h.event().kind() == kind).toList();
  }

  // Catches: retrying at once (no backoff), at a fixed delay (no exponential growth), or only on
  // the flush tick (no retry wake-up: with flushMillis an hour the write would never be retried).
  // Only lower bounds are asserted: a scheduler may run late, never early.
  @Test
  void aFailingWriteIsRetriedWithExponentialBackoff() {
    cachalot(b -> b.retryBackoff(Duration.ofMillis(40), Duration.ofMillis(160)).random(() -> 1.0));
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).build());
    db.failures.set(4);
    write(engine, new Product(1, "p1"));

    assertThatThrownBy(cachalot.cache("events")::flush).isInstanceOf(WriteBehindException.class);
    Await.until("the write was written", () -> !heard(CacheEvent.Kind.DATABASE_WRITE).isEmpty());

    List<Heard> failures = heard(CacheEvent.Kind.FLUSH_FAILED);
    assertThat(failures).extracting(h -> h.event().attempt()).containsExactly(1, 2, 3, 4);
    long written = heard(CacheEvent.Kind.DATABASE_WRITE).get(0).nanos();
    long[] expectedMillis = {40, 80, 160, 160}; // the cap doubles from 40 ms up to 160 ms
    for (int i = 0; i < 4; i++) {
      long next = i + 1 < failures.size() ? failures.get(i + 1).nanos() : written;
      assertThat(Duration.ofNanos(next - failures.get(i).nanos()))
          .as("the wait after failure %d", i + 1)
          .isGreaterThanOrEqualTo(Duration.ofMillis(expectedMillis[i]));
    }
  }

  // Catches: failed() putting the failed op back into the buffer (a "requeue"): it would overwrite
  // v2, which replaced v1 while v1 was being written, and v1 would be written last.
  @Test
  void aWriteThatReplacedAFailingOneWhileItWasInFlightIsWhatIsWrittenNext() throws Exception {
    cachalot(b -> b.retryBackoff(NEVER, NEVER));
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).build());
    CacheHandle handle = cachalot.cache("events");
    write(engine, new Product(1, "v1"));
    Gate gate = new Gate();
    db.gate = gate;
    Worker flush = Worker.start("flush", handle::flush);
    gate.awaitArrival(); // v1 is in flight
    write(engine, new Product(1, "v2"));
    db.failures.set(1); // ... and fails
    gate.open();
    assertThat(flush.join()).isInstanceOf(WriteBehindException.class);
    db.gate = null;

    handle.flush(); // the retry, at once

    assertThat(db.applied).containsExactly("save Product[id=1, name=v2]");
    assertThat(db.rows).containsEntry(1L, new Product(1, "v2"));
    assertThat(handle.pendingWrites()).isZero();
    assertThat(engine.getIfPresent(1L)).isEqualTo(new Product(1, "v2"));
  }

  // Catches: a failed batch whose writes wait for a later attempt (no one-by-one fallback): the
  // good rows of the batch would not be in the database when flush() returns, and the exception
  // would name every key of the batch instead of the bad one.
  @Test
  void aBadRowInABatchDoesNotHoldBackTheRestOfTheBatch() {
    cachalot(b -> b.retryBackoff(NEVER, NEVER));
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).maxBatch(10).build(), db::saveAll);
    CacheHandle handle = cachalot.cache("events");
    db.failIf = row -> row instanceof Product p && p.id() == 3;
    for (long id = 1; id <= 5; id++) {
      write(engine, new Product(id, "p" + id));
    }

    assertThatThrownBy(handle::flush)
        .isInstanceOfSatisfying(
            WriteBehindException.class,
            e -> {
              assertThat(e.keys()).containsExactly(3L);
              assertThat(e.unwritten()).isEqualTo(1);
            })
        .hasMessageContaining("cache 'events'")
        .hasMessageContaining("key [3]")
        .hasCauseInstanceOf(FakeDb.DbFailure.class);

    assertThat(db.rows).containsOnlyKeys(1L, 2L, 4L, 5L);
    assertThat(handle.pendingWrites()).isEqualTo(1);
    assertThat(engine.getIfPresent(3L)).isEqualTo(new Product(3, "p3"));
    assertThat(events(CacheEvent.Kind.FLUSH_FAILED))
        .extracting(CacheEvent::key, CacheEvent::attempt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(null, 1), // the batch
            org.assertj.core.groups.Tuple.tuple(3L, 2)); // the bad row, on its own
    assertThat(handle.stats().failedFlushAttempts()).isEqualTo(2);

    db.failIf = row -> false;
    handle.flush();
    assertThat(db.rows).containsKey(3L);
    assertThat(db.applied).last().isEqualTo("save Product[id=3, name=p3]"); // on its own again
  }

  // Catches: a backoff per cache rather than per key (every write waits while one key fails, as
  // a "consecutive failures" pause of the flusher would do), and ticks that retry a failing key
  // before its backoff elapsed.
  @Test
  void aFailingKeyDoesNotHoldBackOtherKeys() {
    cachalot(b -> b.retryBackoff(NEVER, NEVER));
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(Duration.ofMillis(10)).build());
    db.failIf = row -> row instanceof Product p && p.id() == 1;
    write(engine, new Product(1, "bad"));
    Await.until("key 1 failed", () -> !events(CacheEvent.Kind.FLUSH_FAILED).isEmpty());

    write(engine, new Product(2, "good"));
    Await.until("key 2 reached the database", () -> db.rows.containsKey(2L));
    // the row lands inside the database call; the op leaves the buffer just after it returns
    Await.until("only key 1 is pending", () -> cachalot.cache("events").pendingWrites() == 1);

    assertThat(events(CacheEvent.Kind.FLUSH_FAILED)).hasSize(1); // key 1 waits for its backoff
  }

  // Catches: an attempt count that is not carried from one retry to the next (every failure
  // would be attempt 1), and a missing WRITE_STILL_FAILING.
  @Test
  void theListenerHearsEveryFailedAttemptAndAWriteThatKeepsFailing() {
    cachalot(b -> b.retryBackoff(Duration.ofMillis(1), Duration.ofMillis(2)).stillFailingAfter(3));
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).build());
    db.failures.set(5);
    write(engine, new Product(1, "p1"));

    assertThatThrownBy(cachalot.cache("events")::flush).isInstanceOf(WriteBehindException.class);
    Await.until("the write reached the database", () -> db.rows.containsKey(1L));
    Await.until("nothing is pending", () -> cachalot.cache("events").pendingWrites() == 0);

    assertThat(events(CacheEvent.Kind.FLUSH_FAILED))
        .allSatisfy(
            e -> {
              assertThat(e.key()).isEqualTo(1L);
              assertThat(e.cache()).isEqualTo("events");
              assertThat(e.error()).isInstanceOf(FakeDb.DbFailure.class);
            })
        .extracting(CacheEvent::attempt)
        .containsExactly(1, 2, 3, 4, 5);
    assertThat(events(CacheEvent.Kind.WRITE_STILL_FAILING))
        .extracting(CacheEvent::attempt)
        .containsExactly(3, 4, 5);
    assertThat(events(CacheEvent.Kind.DATABASE_WRITE))
        .extracting(CacheEvent::key)
        .containsExactly(1L);
    CacheStats stats = cachalot.cache("events").stats();
    assertThat(stats.failedFlushAttempts()).isEqualTo(5);
    assertThat(stats.flushedWrites()).isEqualTo(1);
    assertThat(stats.pendingWrites()).isZero();
  }

  // Catches: a writesStillFailing gauge that counts every failing write, or forgets one that was
  // written at last.
  @Test
  void theStatsCountTheWritesThatKeepFailingUntilTheyAreWritten() {
    cachalot(
        b -> b.retryBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1)).stillFailingAfter(2));
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).build());
    db.failIf = row -> row instanceof Product p && p.id() == 1;
    write(engine, new Product(1, "bad"));
    write(engine, new Product(2, "good"));

    assertThatThrownBy(cachalot.cache("events")::flush).isInstanceOf(WriteBehindException.class);
    assertThat(cachalot.cache("events").stats().writesStillFailing()).as("one failure").isZero();
    assertThatThrownBy(cachalot.cache("events")::flush).isInstanceOf(WriteBehindException.class);
    assertThat(cachalot.cache("events").stats().writesStillFailing()).isOne();

    db.failIf = row -> false;
    cachalot.cache("events").flush();
    assertThat(cachalot.cache("events").stats().writesStillFailing()).isZero();
    assertThat(cachalot.cache("events").stats().pendingWrites()).isZero();
  }

  // Catches: a flush() that waits until the buffer is empty, i.e. retries until the write
  // succeeds: with a row the database always rejects it would never return.
  @Test
  void flushWithAWriteThatKeepsFailingThrowsNamingCacheKeyAndCause() {
    cachalot(b -> b.retryBackoff(Duration.ofMillis(1), Duration.ofMillis(2)));
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).build());
    CacheHandle handle = cachalot.cache("events");
    db.failIf = row -> row instanceof Product p && p.id() == 1;
    write(engine, new Product(1, "bad"));
    write(engine, new Product(2, "good"));

    for (int i = 0; i < 2; i++) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(5),
          () ->
              assertThatThrownBy(handle::flush)
                  .isInstanceOfSatisfying(
                      WriteBehindException.class, e -> assertThat(e.keys()).containsExactly(1L))
                  .hasMessageContaining("cache 'events'")
                  .hasMessageContaining("key [1]")
                  .hasMessageContaining("the database rejects Product[id=1, name=bad]")
                  .hasCauseInstanceOf(FakeDb.DbFailure.class));
    }
    assertThat(db.rows).containsOnlyKeys(2L);
    assertThat(handle.pendingWrites()).isEqualTo(1);
  }

  // Catches: a final flush that makes one attempt only: a database that fails a few times during
  // close would cost the writes although the close timeout left time to retry them.
  @Test
  void closeRetriesFailedWritesWithinItsTimeout() {
    cachalot(
        b ->
            b.retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .closeTimeout(Duration.ofSeconds(10)));
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).build());
    write(engine, new Product(1, "p1"));
    write(engine, new Product(2, "p2"));
    db.failures.set(5);

    cachalot.close();

    assertThat(db.rows).containsOnlyKeys(1L, 2L);
    assertThat(events(CacheEvent.Kind.FLUSH_FAILED)).hasSize(5);
    assertThat(events(CacheEvent.Kind.WRITE_ABANDONED)).isEmpty();
  }

  // Catches: a buffer that makes room by dropping writes that keep failing: at capacity with the
  // database down, a new write must wait and then be refused, and the failing writes must stay.
  @Test
  void aDatabaseThatStaysDownEndsInBackpressureNotInLostWrites() {
    cachalot(b -> b.retryBackoff(NEVER, NEVER).writeBehindFullTimeout(Duration.ofMillis(100)));
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).maxBatch(2).capacity(2).build());
    CacheHandle handle = cachalot.cache("events");
    db.failIf = row -> true;
    write(engine, new Product(1, "p1"));
    write(engine, new Product(2, "p2")); // maxBatch: a flush starts, and fails
    Await.until("both writes failed", () -> events(CacheEvent.Kind.FLUSH_FAILED).size() == 2);

    assertThatThrownBy(() -> write(engine, new Product(3, "p3")))
        .isInstanceOf(WriteBehindFullException.class)
        .hasMessageContaining("cache 'events'")
        .hasMessageContaining("(2 pending writes)");
    assertThat(engine.getIfPresent(1L)).isEqualTo(new Product(1, "p1"));
    assertThat(engine.getIfPresent(2L)).isEqualTo(new Product(2, "p2"));
    assertThat(handle.pendingWrites()).isEqualTo(2);

    db.failIf = row -> false;
    handle.flush();
    assertThat(db.rows).containsOnlyKeys(1L, 2L);
  }

  // Catches: writeChunk() writing a key's op before the write that made it returned (ignoring
  // writable()): v2's cache change fails, so its caller gets an exception, and yet v2 would reach
  // the database. The flusher must write v1, the op v2 replaced, instead.
  @Test
  void aWriteWhoseCacheChangeFailedNeverReachesTheDatabase() throws Exception {
    TestStore store = new TestStore();
    cachalot(b -> b.store(store).retryBackoff(NEVER, NEVER));
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).build());
    CacheHandle handle = cachalot.cache("events");
    Product v1 = new Product(1, "v1");
    Product v2 = new Product(1, "v2");
    write(engine, v1);
    Gate putting = new Gate();
    store.putGate = putting;
    store.pausePut = (key, value) -> v2.equals(value);
    store.failPut = (key, value) -> v2.equals(value);
    Worker writer = Worker.start("writer", () -> write(engine, v2));
    putting.awaitArrival(); // v2 is in the buffer, its cache change not done

    handle.flush();
    putting.open();
    assertThat(writer.join())
        .isInstanceOf(CachalotException.class)
        .hasCauseInstanceOf(TestStore.StoreFailure.class);
    handle.flush();

    assertThat(db.saved).containsOnly(v1);
    assertThat(db.rows).containsEntry(1L, v1);
    assertThat(handle.pendingWrites()).isZero();
    assertThat(engine.getIfPresent(1L)).isEqualTo(v1);
  }
}
