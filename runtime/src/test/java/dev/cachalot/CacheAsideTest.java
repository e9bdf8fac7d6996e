package dev.cachalot;

import static dev.cachalot.Generated.caches;
import static dev.cachalot.Generated.delete;
import static dev.cachalot.Generated.load;
import static dev.cachalot.Generated.write;
import static dev.cachalot.Generated.writeReturning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.internal.CacheAsideEngine;
import dev.cachalot.internal.CacheDeclaration;
import dev.cachalot.internal.CompositeKey;
import dev.cachalot.store.Store;
import dev.cachalot.store.StoreCache;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CacheAsideTest {

  private final FakeDb db = new FakeDb();
  private final List<CacheEvent> events = new CopyOnWriteArrayList<>();
  private final Cachalot cachalot = Cachalot.builder().listener(events::add).build();

  @AfterEach
  void close() {
    cachalot.close();
  }

  private static CacheDeclaration.Builder<Long, Product> spec() {
    return CacheDeclaration.<Long, Product>named("products")
        .keyType(Long.class)
        .valueType(Product.class)
        .ttl(Duration.ofMinutes(10));
  }

  /** What a generated read method does. */
  private static Product read(CacheAsideEngine<Long, Product> products, FakeDb db, long id) {
    Product cached = products.getIfPresent(id);
    if (cached != null) {
      return cached;
    }
    return load(products, id, () -> db.find(id));
  }

  @Test
  void readsHitAfterTheFirstLoad() {
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(spec().build());
    db.rows.put(1L, new Product(1, "anchor"));

    assertThat(read(products, db, 1)).isEqualTo(new Product(1, "anchor"));
    assertThat(read(products, db, 1)).isEqualTo(new Product(1, "anchor"));
    assertThat(read(products, db, 1)).isEqualTo(new Product(1, "anchor"));

    assertThat(db.finds).hasValue(1);
    CacheStats stats = cachalot.cache("products").stats();
    assertThat(stats.hits()).isEqualTo(2);
    assertThat(stats.misses()).isEqualTo(1);
    assertThat(stats.loads()).isEqualTo(1);
    assertThat(stats.totalLoadTimeNanos()).isPositive();
    assertThat(events)
        .extracting(CacheEvent::kind)
        .containsExactly(
            CacheEvent.Kind.MISS,
            CacheEvent.Kind.LOAD,
            CacheEvent.Kind.FILL,
            CacheEvent.Kind.HIT,
            CacheEvent.Kind.HIT);
  }

  // Catches: fill() remembering an absence when the cache has no negativeTtl.
  @Test
  void absenceIsNotCachedWithoutNegativeTtl() {
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(spec().build());

    assertThat(read(products, db, 7)).isNull();
    assertThat(read(products, db, 7)).isNull();

    assertThat(db.finds).hasValue(2);
  }

  // Catches: fill() not remembering an absence although the cache has a negativeTtl.
  @Test
  void absenceIsCachedWithNegativeTtl() {
    CacheAsideEngine<Long, Product> products =
        caches(cachalot).cacheAside(spec().negativeTtl(Duration.ofSeconds(30)).build());

    assertThat(read(products, db, 7)).isNull();
    assertThat(read(products, db, 7)).isNull();
    assertThat(read(products, db, 7)).isNull();

    assertThat(db.finds).hasValue(1);
    assertThat(cachalot.cache("products").stats().hits()).isEqualTo(2);
  }

  // Catches: load() without single flight (loads.put instead of putIfAbsent, or a follower that
  // runs its own loader instead of waiting for the leader's result).
  @Test
  void concurrentMissesShareOneLoad() throws Exception {
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(spec().build());
    db.rows.put(1L, new Product(1, "anchor"));
    Gate gate = new Gate();
    db.gate = gate;
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Product>> reads = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        reads.add(pool.submit(() -> read(products, db, 1)));
      }
      gate.awaitArrival();
      Await.until(
          "every reader missed", () -> cachalot.cache("products").stats().misses() == threads);
      gate.open();
      for (Future<Product> read : reads) {
        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(new Product(1, "anchor"));
      }
    } finally {
      gate.open();
      pool.shutdownNow();
    }
    assertThat(db.finds).hasValue(1);
    assertThat(cachalot.cache("products").stats().loads()).isEqualTo(1);
  }

  // Catches: a failed load left registered (followers would hang, later reads would wait forever)
  // or cached; followers getting the raw exception instead of a CacheLoadException.
  @Test
  void aFailedLoadReachesTheLeaderUnchangedAndFollowersAsCacheLoadException() throws Exception {
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(spec().build());
    IOException failure = new IOException("connection reset");
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch fail = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<Throwable> leader =
          pool.submit(
              () ->
                  caught(
                      () ->
                          load(
                              products,
                              1L,
                              () -> {
                                loading.countDown();
                                await(fail);
                                throw failure;
                              })));
      assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
      Future<Throwable> follower1 =
          pool.submit(() -> caught(() -> load(products, 1L, () -> db.find(1))));
      Future<Throwable> follower2 =
          pool.submit(() -> caught(() -> load(products, 1L, () -> db.find(1))));
      Await.until("both followers wait", () -> cachalot.cache("products").stats().misses() == 3);
      fail.countDown();

      assertThat(leader.get(10, TimeUnit.SECONDS)).isSameAs(failure);
      for (Future<Throwable> follower : List.of(follower1, follower2)) {
        assertThat(follower.get(10, TimeUnit.SECONDS))
            .isInstanceOf(CacheLoadException.class)
            .hasCause(failure)
            .hasMessageContaining("products")
            .hasMessageContaining("key 1");
      }
    } finally {
      fail.countDown();
      pool.shutdownNow();
    }
    assertThat(db.finds).hasValue(0);
    assertThat(cachalot.cache("products").stats().loadFailures()).isEqualTo(1);
    assertThat(events)
        .anyMatch(e -> e.kind() == CacheEvent.Kind.LOAD_FAILED && e.error() == failure);
    // the failure is not cached: the next read loads again
    db.rows.put(1L, new Product(1, "anchor"));
    assertThat(read(products, db, 1)).isEqualTo(new Product(1, "anchor"));
  }

  @Test
  void writeAndDeleteInvalidateTheKey() {
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(spec().build());
    db.rows.put(1L, new Product(1, "anchor"));
    read(products, db, 1);

    write(products, 1L, () -> db.save(new Product(1, "bigger anchor")));
    assertThat(products.getIfPresent(1L)).isNull();
    assertThat(read(products, db, 1)).isEqualTo(new Product(1, "bigger anchor"));

    String result = writeReturning(products, 1L, () -> "saved");
    assertThat(result).isEqualTo("saved");
    assertThat(products.getIfPresent(1L)).isNull();

    read(products, db, 1);
    delete(products, 1L, () -> db.delete(1));
    assertThat(products.getIfPresent(1L)).isNull();
    assertThat(read(products, db, 1)).isNull();
    CacheStats stats = cachalot.cache("products").stats();
    assertThat(stats.writes()).isEqualTo(2);
    assertThat(stats.deletes()).isEqualTo(1);
  }

  // Catches: write() and delete() leaving the entry when the database call threw. The call may
  // have been applied before it failed (here: the delete removed the row, then the connection
  // broke), and the deleted row would stay cached for its whole TTL. Found by the stress test.
  @Test
  void aFailingWriteInvalidatesTheKeyAsTheDatabaseMayHaveAppliedIt() {
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(spec().build());
    db.rows.put(1L, new Product(1, "anchor"));
    read(products, db, 1);
    IOException failure = new IOException("connection reset after the commit");

    assertThatThrownBy(
            () ->
                delete(
                    products,
                    1L,
                    () -> {
                      db.delete(1);
                      throw failure;
                    }))
        .isSameAs(failure);

    assertThat(products.getIfPresent(1L)).isNull();
    assertThat(read(products, db, 1)).isNull();
    assertThat(events).anyMatch(e -> e.kind() == CacheEvent.Kind.DATABASE_WRITE_FAILED);
    assertThat(cachalot.cache("products").stats().deletes()).isZero();
  }

  // Catches: writeReturning() leaving the entry when the database call threw.
  @Test
  void aFailingWriteReturningInvalidatesTheKeyToo() {
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(spec().build());
    db.rows.put(1L, new Product(1, "anchor"));
    read(products, db, 1);

    assertThatThrownBy(
            () ->
                writeReturning(
                    products,
                    1L,
                    () -> {
                      db.save(new Product(1, "applied"));
                      throw new IOException("timeout after the commit");
                    }))
        .isInstanceOf(IOException.class);

    assertThat(read(products, db, 1)).isEqualTo(new Product(1, "applied"));
  }

  // Catches: fill() ignoring mine.stale (or change() not marking the key's load in flight): the
  // reader loaded the old row before the write and would fill it after the write invalidated.
  @Test
  void aFillThatRacedWithAWriteIsRejected() throws Exception {
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(spec().build());
    db.rows.put(1L, new Product(1, "old"));
    StalledLoad reader = StalledLoad.start(products, db, 1);
    write(products, 1L, () -> db.save(new Product(1, "new")));

    assertThat(reader.finish()).isEqualTo(new Product(1, "old"));
    assertThat(products.getIfPresent(1L)).isNull();
    assertThat(read(products, db, 1)).isEqualTo(new Product(1, "new"));
    assertThat(cachalot.cache("products").stats().staleFillsRejected()).isEqualTo(1);
    assertThat(events).anyMatch(e -> e.kind() == CacheEvent.Kind.STALE_FILL_REJECTED);
  }

  // Catches: invalidateAll() neither bumping the epoch nor marking the loads in flight. (Either one
  // rejects this fill; the epoch alone covers a load that registers during the marking loop.)
  @Test
  void aFillThatRacedWithInvalidateAllIsRejected() throws Exception {
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(spec().build());
    db.rows.put(1L, new Product(1, "old"));
    StalledLoad reader = StalledLoad.start(products, db, 1);
    db.rows.put(1L, new Product(1, "new"));
    cachalot.cache("products").invalidateAll();
    reader.finish();
    assertThat(products.getIfPresent(1L)).isNull();
    assertThat(read(products, db, 1)).isEqualTo(new Product(1, "new"));
  }

  // Catches: load() running the loader without looking at the cache again once it is the leader:
  // a caller that missed just before another caller's fill would load the key a second time.
  @Test
  void aMissThatLostTheRaceToAFillUsesTheFilledValue() {
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(spec().build());
    db.rows.put(1L, new Product(1, "anchor"));

    assertThat(products.getIfPresent(1L)).isNull(); // reader B misses ...
    load(products, 1L, () -> db.find(1)); // ... reader A loads and fills ...
    assertThat(load(products, 1L, () -> db.find(1))) // ... and B's load finds A's fill
        .isEqualTo(new Product(1, "anchor"));

    assertThat(db.finds).hasValue(1);
  }

  // Catches: load() following a leader whose lease a write already broke: a read that starts after
  // the write returned would get the row the leader read before the write (here: the writer's own
  // next read). A stale leader must be replaced, not followed.
  @Test
  void aReadAfterAWriteDoesNotJoinALoadThatStartedBeforeIt() throws Exception {
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(spec().build());
    db.rows.put(1L, new Product(1, "old"));
    StalledLoad slowReader = StalledLoad.start(products, db, 1);
    write(products, 1L, () -> db.save(new Product(1, "new")));
    AtomicReference<Product> readAfterWrite = new AtomicReference<>();
    Worker writersRead =
        Worker.start("reads-after-write", () -> readAfterWrite.set(read(products, db, 1)));
    Await.blockedOrDone(writersRead.thread()); // done, or (wrongly) waiting for the slow reader
    slowReader.release();
    writersRead.joinNormally();
    slowReader.finish();

    assertThat(readAfterWrite.get()).isEqualTo(new Product(1, "new"));
    assertThat(read(products, db, 1)).isEqualTo(new Product(1, "new"));
    assertThat(cachalot.cache("products").stats().staleFillsRejected()).isEqualTo(1);
  }

  // Catches: fill() ignoring mine.stale for a remembered absence: the load read "no row", a writer
  // inserted the row meanwhile, and the absence would hide it for the whole negativeTtl.
  @Test
  void aRememberedAbsenceThatRacedWithAnInsertIsRejected() throws Exception {
    CacheAsideEngine<Long, Product> products =
        caches(cachalot).cacheAside(spec().negativeTtl(Duration.ofMinutes(10)).build());
    CountDownLatch loadedAbsent = new CountDownLatch(1);
    CountDownLatch writerDone = new CountDownLatch(1);
    Worker reader =
        Worker.start(
            "reader",
            () ->
                load(
                    products,
                    1L,
                    () -> {
                      Product none = db.find(1);
                      loadedAbsent.countDown();
                      await(writerDone);
                      return none;
                    }));
    assertThat(loadedAbsent.await(10, TimeUnit.SECONDS)).isTrue();
    write(products, 1L, () -> db.save(new Product(1, "inserted")));
    writerDone.countDown();
    reader.joinNormally();

    assertThat(read(products, db, 1)).isEqualTo(new Product(1, "inserted"));
    assertThat(cachalot.cache("products").stats().staleFillsRejected()).isEqualTo(1);
  }

  // Catches: fill() checking its lease and putting in two steps (the put outside loads.compute):
  // a write's "mark the load, then invalidate" could then fall between the check and the put, and
  // the old row would land after the invalidation. Here the reader is held inside its put; the
  // writer must wait for it (on the key's map bin) and invalidate after it.
  @Test
  void aWriteCannotSlipBetweenAFillsCheckAndItsPut() throws Exception {
    TestStore store = new TestStore();
    Product old = new Product(1, "old");
    Gate putting = new Gate();
    store.putGate = putting;
    store.pausePut = (key, value) -> old.equals(value);
    try (Cachalot withStore = Cachalot.builder().store(store).build()) {
      CacheAsideEngine<Long, Product> products = caches(withStore).cacheAside(spec().build());
      db.rows.put(1L, old);
      Worker reader = Worker.start("reader", () -> load(products, 1L, () -> db.find(1)));
      putting.awaitArrival(); // the reader's lease was valid; it is putting the old row
      Worker writer =
          Worker.start("writer", () -> write(products, 1L, () -> db.save(new Product(1, "new"))));
      Await.blockedOrDone(writer.thread());
      putting.open();
      reader.joinNormally();
      writer.joinNormally();

      assertThat(store.entry("products", 1L)).as("the old row outlived the write").isNull();
      assertThat(read(products, db, 1)).isEqualTo(new Product(1, "new"));
    } finally {
      putting.open();
    }
  }

  @Test
  void compositeKeysCompareByTheirParts() {
    CacheAsideEngine<CompositeKey, Product> products =
        caches(cachalot)
            .cacheAside(
                CacheDeclaration.<CompositeKey, Product>named("tenantProducts")
                    .keyType(String.class, Long.class)
                    .valueType(Product.class)
                    .build());
    AtomicInteger loads = new AtomicInteger();

    load(
        products,
        CompositeKey.of("acme", 1L),
        () -> {
          loads.incrementAndGet();
          return new Product(1, "acme anchor");
        });

    assertThat(products.getIfPresent(CompositeKey.of("acme", 1L)))
        .isEqualTo(new Product(1, "acme anchor"));
    assertThat(products.getIfPresent(CompositeKey.of("globex", 1L))).isNull();
    assertThat(products.getIfPresent(CompositeKey.of(1L, "acme"))).isNull();
    products.invalidate(CompositeKey.of("acme", 1L));
    assertThat(products.getIfPresent(CompositeKey.of("acme", 1L))).isNull();
    assertThat(loads).hasValue(1);
  }

  @Test
  void nullKeysAreRejectedNamingTheCache() {
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(spec().build());

    assertThatThrownBy(() -> products.getIfPresent(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("products");
    assertThatThrownBy(() -> load(products, null, () -> null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("products");
    assertThatThrownBy(() -> write(products, null, () -> {}))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("products");
  }

  @Test
  void aLoaderThatLoadsItsOwnKeyFailsInsteadOfDeadlocking() {
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(spec().build());

    assertThatThrownBy(() -> load(products, 1L, () -> load(products, 1L, () -> db.find(1))))
        .isInstanceOf(CachalotException.class)
        .hasMessageContaining("loads the same key again");
  }

  @Test
  void storeFailuresAreWrappedNamingCacheAndKey() {
    RuntimeException failure = new IllegalStateException("store down");
    Store broken =
        new Store() {
          @Override
          public <K, V> StoreCache<K, V> open(CacheSpec spec) {
            return new StoreCache<>() {
              @Override
              public Object get(K key) {
                throw failure;
              }

              @Override
              public void put(K key, Object value, Duration ttl) {
                throw failure;
              }

              @Override
              public void remove(K key) {
                throw failure;
              }

              @Override
              public void clear() {
                throw failure;
              }
            };
          }
        };
    try (Cachalot brokenCachalot = Cachalot.builder().store(broken).build()) {
      CacheAsideEngine<Long, Product> products = caches(brokenCachalot).cacheAside(spec().build());

      assertThatThrownBy(() -> products.getIfPresent(42L))
          .isInstanceOf(CachalotException.class)
          .hasMessageContaining("products")
          .hasMessageContaining("42")
          .hasCause(failure);
      assertThatThrownBy(() -> products.invalidate(42L))
          .isInstanceOf(CachalotException.class)
          .hasMessageContaining("products")
          .hasCause(failure);
    }
  }

  static Throwable caught(ThrowingRunnable runnable) {
    try {
      runnable.run();
      return null;
    } catch (Throwable e) {
      return e;
    }
  }

  static void await(CountDownLatch latch) {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) {
        throw new AssertionError("the latch was never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Throwable;
  }
}
