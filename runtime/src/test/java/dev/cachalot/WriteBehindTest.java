package dev.cachalot;

import static dev.cachalot.Generated.caches;
import static dev.cachalot.Generated.delete;
import static dev.cachalot.Generated.load;
import static dev.cachalot.Generated.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.internal.CacheDeclaration;
import dev.cachalot.internal.WriteBehindEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteBehindTest {

  private static final Duration NEVER = Duration.ofHours(1);

  private final FakeDb db = new FakeDb();
  private final List<CacheEvent> events = new CopyOnWriteArrayList<>();
  private Cachalot cachalot = Cachalot.builder().listener(events::add).build();

  @AfterEach
  void close() {
    Gate gate = db.gate;
    if (gate != null) {
      gate.open();
    }
    db.failures.set(0);
    cachalot.close();
  }

  private static CacheDeclaration.Builder<Long, Product> spec() {
    return CacheDeclaration.<Long, Product>named("events")
        .keyType(Long.class)
        .valueType(Product.class);
  }

  private void write(WriteBehindEngine<Long, Product> engine, Product product) {
    engine.write(product.id(), product, () -> db.save(product));
  }

  private long count(CacheEvent.Kind kind) {
    return events.stream().filter(e -> e.kind() == kind).count();
  }

  // Catches: a write that waits for the database; no periodic tick (flushMillis); reads that do
  // not look into the buffer (pendingValue) once the cache lost the entry.
  @Test
  void aWriteReturnsBeforeTheDatabaseSeesItAndStaysReadable() throws Exception {
    Gate gate = new Gate();
    db.gate = gate;
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(Duration.ofMillis(20)).build());
    CacheHandle handle = cachalot.cache("events");
    Product product = new Product(1, "anchor");

    write(engine, product);

    assertThat(db.rows).isEmpty();
    assertThat(engine.getIfPresent(1L)).isEqualTo(product);
    gate.awaitArrival(); // the flusher is in the database call
    assertThat(db.rows).isEmpty();
    assertThat(handle.pendingWrites()).isEqualTo(1);
    assertThat(handle.stats().pendingWrites()).isEqualTo(1);

    handle.invalidateAll();
    assertThat(engine.getIfPresent(1L)).isEqualTo(product);
    assertThat(
            load(
                engine,
                1L,
                () -> {
                  throw new AssertionError("the loader ran although a write is pending");
                }))
        .isEqualTo(product);

    gate.open();
    handle.flush();
    assertThat(db.rows).containsEntry(1L, product);
    assertThat(handle.pendingWrites()).isZero();
    assertThat(count(CacheEvent.Kind.ENQUEUE)).isEqualTo(1);
    assertThat(count(CacheEvent.Kind.FLUSH)).isEqualTo(1);
  }

  // Catches: a delete that leaves the key's pending write in the buffer (the write would reach the
  // database as well), or that does not remove the entry at once; reads ignoring a tombstone.
  @Test
  void aDeleteRemovesAtOnceAndReplacesThePendingWrite() {
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).build());
    db.rows.put(1L, new Product(1, "old"));
    write(engine, new Product(1, "new"));

    delete(engine, 1L, () -> db.delete(1));

    assertThat(engine.getIfPresent(1L)).isNull();
    assertThat(
            load(
                engine,
                1L,
                () -> {
                  throw new AssertionError("the loader ran although a delete is pending");
                }))
        .isNull();
    cachalot.cache("events").flush();
    assertThat(db.rows).doesNotContainKey(1L);
    assertThat(db.saves).hasValue(0);
    assertThat(db.deletes).hasValue(1);
    assertThat(cachalot.cache("events").stats().deletes()).isEqualTo(1);
  }

  // Catches: a buffer that queues every write instead of replacing the key's pending op.
  @Test
  void repeatedWritesToOneKeyCoalesce() {
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).build());

    for (int i = 1; i <= 10; i++) {
      write(engine, new Product(1, "version " + i));
    }
    assertThat(cachalot.cache("events").pendingWrites()).isEqualTo(1);
    cachalot.cache("events").flush();

    assertThat(db.saves).hasValue(1);
    assertThat(db.rows).containsEntry(1L, new Product(1, "version 10"));
    CacheStats stats = cachalot.cache("events").stats();
    assertThat(stats.writes()).isEqualTo(10);
    assertThat(stats.flushedWrites()).isEqualTo(1);
    assertThat(stats.flushes()).isEqualTo(1);
  }

  // Catches: succeeded() removing the key's op whatever it is (pending.remove(key) instead of the
  // identity remove(key, op)): v2, which replaced v1 while v1 was written, would be dropped.
  @Test
  void aWriteThatArrivesWhileItsKeyIsFlushedStaysPending() throws Exception {
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).build());
    CacheHandle handle = cachalot.cache("events");
    write(engine, new Product(1, "v1"));
    Gate gate = new Gate();
    db.gate = gate;
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> flush = pool.submit(handle::flush);
      gate.awaitArrival(); // the flusher writes v1
      write(engine, new Product(1, "v2"));
      gate.open();
      flush.get(10, TimeUnit.SECONDS);
    } finally {
      gate.open();
      pool.shutdownNow();
    }
    assertThat(db.rows).containsEntry(1L, new Product(1, "v1"));
    assertThat(handle.pendingWrites()).isEqualTo(1);
    assertThat(engine.getIfPresent(1L)).isEqualTo(new Product(1, "v2"));

    handle.flush();
    assertThat(db.rows).containsEntry(1L, new Product(1, "v2"));
    assertThat(db.saves).hasValue(2);
    assertThat(handle.pendingWrites()).isZero();
  }

  // Catches: enqueue() not requesting a flush when maxBatch writes are due.
  // Catches: succeeded() removing the key's op whatever it is: the tombstone that replaced v1 while
  // v1 was written would be dropped, and the row would stay in the database.
  @Test
  void aDeleteThatArrivesWhileItsKeyIsFlushedIsWrittenAfterTheWrite() throws Exception {
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).build());
    CacheHandle handle = cachalot.cache("events");
    write(engine, new Product(1, "v1"));
    Gate gate = new Gate();
    db.gate = gate;
    Worker flusher = Worker.start("flush", handle::flush);
    gate.awaitArrival(); // v1 is being written
    delete(engine, 1L, () -> db.delete(1));
    assertThat(engine.getIfPresent(1L)).isNull();
    gate.open();
    flusher.joinNormally();
    db.gate = null;

    handle.flush();
    assertThat(db.applied).containsExactly("save Product[id=1, name=v1]", "delete 1");
    assertThat(db.rows).doesNotContainKey(1L);
    assertThat(handle.pendingWrites()).isZero();
  }

  // Catches: tombstones kept apart from the writes (a delete queue flushed after the writes, or a
  // write that does not replace a pending delete): the row would end deleted although the last
  // operation saved it.
  @Test
  void aWriteAfterAPendingDeleteOfItsKeyReplacesTheTombstone() {
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).build());
    CacheHandle handle = cachalot.cache("events");
    write(engine, new Product(1, "v1"));
    handle.flush();

    delete(engine, 1L, () -> db.delete(1));
    write(engine, new Product(1, "v2"));
    assertThat(handle.pendingWrites()).isEqualTo(1);
    handle.flush();

    assertThat(db.applied)
        .containsExactly("save Product[id=1, name=v1]", "save Product[id=1, name=v2]");
    assertThat(db.rows).containsEntry(1L, new Product(1, "v2"));
  }

  @Test
  void aFullBatchFlushesWithoutWaitingForTheInterval() {
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).maxBatch(5).build());

    for (long id = 1; id <= 4; id++) {
      write(engine, new Product(id, "p" + id));
    }
    assertThat(cachalot.cache("events").pendingWrites()).isEqualTo(4);
    write(engine, new Product(5, "p5"));

    Await.until("the batch was flushed", () -> db.rows.size() == 5);
    Await.until("nothing is pending", () -> cachalot.cache("events").pendingWrites() == 0);
  }

  // Catches: attempt() writing the whole buffer as one batch (no maxBatch chunks); deletes going
  // through the batch method.
  @Test
  void theBatchMethodWritesBatchesOfAtMostMaxBatch() {
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).maxBatch(3).build(), db::saveAll);

    for (long id = 1; id <= 7; id++) {
      write(engine, new Product(id, "p" + id));
    }
    delete(engine, 100L, () -> db.delete(100));
    cachalot.cache("events").flush();

    assertThat(db.batches).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 3));
    assertThat(db.batches.stream().mapToInt(List::size).sum()).isEqualTo(7);
    assertThat(db.rows).hasSize(7);
    assertThat(db.saves).hasValue(0);
    assertThat(db.deletes).hasValue(1);
    CacheStats stats = cachalot.cache("events").stats();
    assertThat(stats.flushCalls())
        .as("the batch calls and the delete's own call")
        .isEqualTo(db.batches.size() + 1);
    assertThat(stats.flushedWrites()).isEqualTo(8);
    assertThat(stats.totalFlushTimeNanos()).isPositive();
  }

  // Catches: one batch method per engine instead of per decorator view.
  @Test
  void eachDecoratorsWritesGoThroughItsOwnBatchMethod() {
    List<Product> first = new CopyOnWriteArrayList<>();
    List<Product> second = new CopyOnWriteArrayList<>();
    CacheDeclaration<Long, Product> spec = spec().flushInterval(NEVER).build();
    WriteBehindEngine<Long, Product> one = caches(cachalot).writeBehind(spec, first::addAll);
    WriteBehindEngine<Long, Product> two = caches(cachalot).writeBehind(spec, second::addAll);
    WriteBehindEngine<Long, Product> plain = caches(cachalot).writeBehind(spec);

    one.write(1L, new Product(1, "one"), () -> db.save(new Product(1, "one")));
    two.write(2L, new Product(2, "two"), () -> db.save(new Product(2, "two")));
    plain.write(3L, new Product(3, "three"), () -> db.save(new Product(3, "three")));
    assertThat(cachalot.cache("events").pendingWrites()).isEqualTo(3);
    assertThat(two.getIfPresent(1L)).isEqualTo(new Product(1, "one"));
    cachalot.cache("events").flush();

    assertThat(first).containsExactly(new Product(1, "one"));
    assertThat(second).containsExactly(new Product(2, "two"));
    assertThat(db.saved).containsExactly(new Product(3, "three"));
  }

  // Catches: a failed op dropped instead of retried; no retry without an explicit flush().
  @Test
  void aFailedFlushIsRetriedAndLosesNothing() {
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(Duration.ofMillis(10)).build());
    db.failures.set(2);
    Product product = new Product(1, "anchor");

    write(engine, product);

    Await.until("the write reached the database", () -> db.rows.containsKey(1L));
    assertThat(db.rows).containsEntry(1L, product);
    List<CacheEvent> failures =
        events.stream().filter(e -> e.kind() == CacheEvent.Kind.FLUSH_FAILED).toList();
    assertThat(failures).hasSize(2);
    assertThat(failures)
        .allSatisfy(
            e -> {
              assertThat(e.error()).isInstanceOf(FakeDb.DbFailure.class);
              assertThat(e.key()).isEqualTo(1L);
            });
    Await.until("nothing is pending", () -> cachalot.cache("events").pendingWrites() == 0);
    CacheStats stats = cachalot.cache("events").stats();
    assertThat(stats.failedFlushAttempts()).isEqualTo(2);
    assertThat(stats.flushedWrites()).isEqualTo(1);
  }

  // Catches: flush() swallowing failures; failed ops removed from the buffer.
  @Test
  void flushThrowsWhenTheDatabaseFailsAndKeepsTheWritePending() {
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).build());
    db.failures.set(1);
    write(engine, new Product(1, "anchor"));
    CacheHandle handle = cachalot.cache("events");

    assertThatThrownBy(handle::flush)
        .isInstanceOfSatisfying(
            WriteBehindException.class, e -> assertThat(e.unwritten()).isEqualTo(1))
        .hasMessageContaining("events")
        .hasCauseInstanceOf(FakeDb.DbFailure.class);
    assertThat(handle.pendingWrites()).isEqualTo(1);
    assertThat(db.rows).isEmpty();

    handle.flush();
    assertThat(db.rows).containsEntry(1L, new Product(1, "anchor"));
    assertThat(handle.pendingWrites()).isZero();
  }

  // Catches: reserve() not checking the capacity (or making a write of a pending key wait).
  @Test
  void aFullBufferRejectsAWriteOfANewKeyAfterTheTimeout() throws Exception {
    cachalot.close();
    cachalot =
        Cachalot.builder()
            .listener(events::add)
            .writeBehindFullTimeout(Duration.ofMillis(50))
            .build();
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).maxBatch(2).capacity(2).build());
    Gate gate = new Gate();
    db.gate = gate;
    write(engine, new Product(1, "p1"));
    write(engine, new Product(2, "p2")); // reaches maxBatch: the flusher starts, and blocks
    gate.awaitArrival();

    write(engine, new Product(1, "p1 again")); // a key already pending never waits
    assertThatThrownBy(() -> write(engine, new Product(3, "p3")))
        .isInstanceOf(WriteBehindFullException.class)
        .hasMessageContaining("'events'")
        .hasMessageContaining("key 3")
        .hasMessageContaining("2 pending writes");
    assertThat(engine.getIfPresent(3L)).isNull();
    assertThat(cachalot.cache("events").pendingWrites()).isEqualTo(2);

    gate.open();
    cachalot.cache("events").flush();
    assertThat(db.rows).containsOnlyKeys(1L, 2L).containsEntry(1L, new Product(1, "p1 again"));
  }

  // Catches: reserve() throwing at once instead of waiting; succeeded() not signalling notFull.
  @Test
  void aFullBufferBlocksAWriteUntilAFlushMakesRoom() throws Exception {
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).maxBatch(2).capacity(2).build());
    Gate gate = new Gate();
    db.gate = gate;
    write(engine, new Product(1, "p1"));
    write(engine, new Product(2, "p2"));
    gate.awaitArrival();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread writer =
        new Thread(
            () -> {
              try {
                write(engine, new Product(3, "p3"));
              } catch (RuntimeException e) {
                failure.set(e);
              }
            },
            "blocked-writer");
    writer.start();

    Await.blocked(writer);
    assertThat(writer.isAlive()).isTrue();
    assertThat(engine.getIfPresent(3L)).isNull();
    gate.open();
    writer.join(TimeUnit.SECONDS.toMillis(10));

    assertThat(writer.isAlive()).isFalse();
    assertThat(failure.get()).isNull();
    assertThat(engine.getIfPresent(3L)).isEqualTo(new Product(3, "p3"));
    cachalot.cache("events").flush();
    assertThat(db.rows).containsOnlyKeys(1L, 2L, 3L);
  }

  // Catches: enqueue() changing the cache entry without bumping the key's version.
  @Test
  void aFillThatRacedWithAWriteDoesNotOverwriteIt() throws Exception {
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).build());
    db.rows.put(1L, new Product(1, "old"));
    StalledLoad reader = StalledLoad.start(engine, db, 1);
    write(engine, new Product(1, "new"));
    reader.finish();
    assertThat(engine.getIfPresent(1L)).isEqualTo(new Product(1, "new"));
  }

  // Catches: close() releasing the buffer without flushing it.
  @Test
  void closeFlushesEveryPendingWrite() {
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(NEVER).build());
    List<Product> written = new ArrayList<>();
    for (long id = 1; id <= 50; id++) {
      Product product = new Product(id, "p" + id);
      written.add(product);
      write(engine, product);
    }

    cachalot.close();

    assertThat(db.rows.values()).containsExactlyInAnyOrderElementsOf(written);
    assertThatThrownBy(() -> write(engine, new Product(51, "late")))
        .isInstanceOf(CachalotException.class)
        .hasMessageContaining("Cachalot is closed");
    assertThatThrownBy(() -> engine.getIfPresent(1L))
        .isInstanceOf(CachalotException.class)
        .hasMessageContaining("Cachalot is closed");
    cachalot.close(); // idempotent
  }

  // Catches: close() giving writes up silently (no exception, no WRITE_ABANDONED events).
  @Test
  void closeReportsTheWritesItCouldNotWrite() {
    cachalot.close();
    cachalot =
        Cachalot.builder().listener(events::add).closeTimeout(Duration.ofMillis(200)).build();
    WriteBehindEngine<Long, Product> engine =
        caches(cachalot).writeBehind(spec().flushInterval(Duration.ofMillis(20)).build());
    db.failures.set(Integer.MAX_VALUE);
    write(engine, new Product(1, "p1"));
    write(engine, new Product(2, "p2"));

    assertThatThrownBy(cachalot::close)
        .isInstanceOfSatisfying(
            WriteBehindException.class, e -> assertThat(e.unwritten()).isEqualTo(2))
        .hasMessageContaining("cache 'events': 2 writes, keys [")
        .hasCauseInstanceOf(FakeDb.DbFailure.class)
        .satisfies(
            e -> assertThat(((WriteBehindException) e).keys()).containsExactlyInAnyOrder(1L, 2L));
    assertThat(cachalot.cache("events").stats().abandonedWrites()).isEqualTo(2);
    assertThat(events)
        .filteredOn(e -> e.kind() == CacheEvent.Kind.WRITE_ABANDONED)
        .allSatisfy(
            e -> {
              assertThat(e.attempt()).isPositive();
              assertThat(e.error()).isInstanceOf(FakeDb.DbFailure.class);
            })
        .extracting(CacheEvent::key)
        .containsExactlyInAnyOrder(1L, 2L);
    assertThat(db.rows).isEmpty();
    cachalot.close(); // idempotent, and quiet the second time
  }
}
