package dev.cachalot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  private static CacheSpec.Builder<Long, Product> spec() {
    return CacheSpec.<Long, Product>named("products")
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
    return products.load(id, () -> db.find(id));
  }

  @Test
  void readsHitAfterTheFirstLoad() {
    CacheAsideEngine<Long, Product> products = cachalot.cacheAside(spec().build());
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

  @Test
  void absenceIsNotCachedWithoutNegativeTtl() {
    CacheAsideEngine<Long, Product> products = cachalot.cacheAside(spec().build());

    assertThat(read(products, db, 7)).isNull();
    assertThat(read(products, db, 7)).isNull();

    assertThat(db.finds).hasValue(2);
  }

  @Test
  void absenceIsCachedWithNegativeTtl() {
    CacheAsideEngine<Long, Product> products =
        cachalot.cacheAside(spec().negativeTtl(Duration.ofSeconds(30)).build());

    assertThat(read(products, db, 7)).isNull();
    assertThat(read(products, db, 7)).isNull();
    assertThat(read(products, db, 7)).isNull();

    assertThat(db.finds).hasValue(1);
    assertThat(cachalot.cache("products").stats().hits()).isEqualTo(2);
  }

  @Test
  void concurrentMissesShareOneLoad() throws Exception {
    CacheAsideEngine<Long, Product> products = cachalot.cacheAside(spec().build());
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

  @Test
  void aFailedLoadReachesTheLeaderUnchangedAndFollowersAsCacheLoadException() throws Exception {
    CacheAsideEngine<Long, Product> products = cachalot.cacheAside(spec().build());
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
                          products.load(
                              1L,
                              () -> {
                                loading.countDown();
                                await(fail);
                                throw failure;
                              })));
      assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
      Future<Throwable> follower1 =
          pool.submit(() -> caught(() -> products.load(1L, () -> db.find(1))));
      Future<Throwable> follower2 =
          pool.submit(() -> caught(() -> products.load(1L, () -> db.find(1))));
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
    CacheAsideEngine<Long, Product> products = cachalot.cacheAside(spec().build());
    db.rows.put(1L, new Product(1, "anchor"));
    read(products, db, 1);

    products.write(1L, () -> db.save(new Product(1, "bigger anchor")));
    assertThat(products.getIfPresent(1L)).isNull();
    assertThat(read(products, db, 1)).isEqualTo(new Product(1, "bigger anchor"));

    String result = products.writeReturning(1L, () -> "saved");
    assertThat(result).isEqualTo("saved");
    assertThat(products.getIfPresent(1L)).isNull();

    read(products, db, 1);
    products.delete(1L, () -> db.delete(1));
    assertThat(products.getIfPresent(1L)).isNull();
    assertThat(read(products, db, 1)).isNull();
    CacheStats stats = cachalot.cache("products").stats();
    assertThat(stats.writes()).isEqualTo(2);
    assertThat(stats.deletes()).isEqualTo(1);
  }

  @Test
  void aFailingWriteLeavesTheCacheUntouched() {
    CacheAsideEngine<Long, Product> products = cachalot.cacheAside(spec().build());
    db.rows.put(1L, new Product(1, "anchor"));
    read(products, db, 1);
    IOException failure = new IOException("disk full");

    assertThatThrownBy(
            () ->
                products.write(
                    1L,
                    () -> {
                      throw failure;
                    }))
        .isSameAs(failure);
    assertThatThrownBy(
            () ->
                products.delete(
                    1L,
                    () -> {
                      throw failure;
                    }))
        .isSameAs(failure);

    assertThat(products.getIfPresent(1L)).isEqualTo(new Product(1, "anchor"));
    assertThat(events).anyMatch(e -> e.kind() == CacheEvent.Kind.DATABASE_WRITE_FAILED);
  }

  @Test
  void aFillThatRacedWithAWriteIsRejected() throws Exception {
    CacheAsideEngine<Long, Product> products = cachalot.cacheAside(spec().build());
    db.rows.put(1L, new Product(1, "old"));
    CountDownLatch loadedOld = new CountDownLatch(1);
    CountDownLatch writerDone = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Product> reader =
          pool.submit(
              () ->
                  products.load(
                      1L,
                      () -> {
                        Product old = db.find(1);
                        loadedOld.countDown();
                        await(writerDone);
                        return old;
                      }));
      assertThat(loadedOld.await(10, TimeUnit.SECONDS)).isTrue();
      products.write(1L, () -> db.save(new Product(1, "new")));
      writerDone.countDown();

      assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo(new Product(1, "old"));
    } finally {
      writerDone.countDown();
      pool.shutdownNow();
    }
    assertThat(products.getIfPresent(1L)).isNull();
    assertThat(read(products, db, 1)).isEqualTo(new Product(1, "new"));
    assertThat(cachalot.cache("products").stats().staleFillsRejected()).isEqualTo(1);
    assertThat(events).anyMatch(e -> e.kind() == CacheEvent.Kind.STALE_FILL_REJECTED);
  }

  @Test
  void aFillThatRacedWithInvalidateAllIsRejected() throws Exception {
    CacheAsideEngine<Long, Product> products = cachalot.cacheAside(spec().build());
    db.rows.put(1L, new Product(1, "old"));
    CountDownLatch loadedOld = new CountDownLatch(1);
    CountDownLatch cleared = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Product> reader =
          pool.submit(
              () ->
                  products.load(
                      1L,
                      () -> {
                        Product old = db.find(1);
                        loadedOld.countDown();
                        await(cleared);
                        return old;
                      }));
      assertThat(loadedOld.await(10, TimeUnit.SECONDS)).isTrue();
      db.rows.put(1L, new Product(1, "new"));
      cachalot.cache("products").invalidateAll();
      cleared.countDown();
      reader.get(10, TimeUnit.SECONDS);
    } finally {
      cleared.countDown();
      pool.shutdownNow();
    }
    assertThat(products.getIfPresent(1L)).isNull();
    assertThat(read(products, db, 1)).isEqualTo(new Product(1, "new"));
  }

  @Test
  void compositeKeysCompareByTheirParts() {
    CacheAsideEngine<CompositeKey, Product> products =
        cachalot.cacheAside(
            CacheSpec.<CompositeKey, Product>named("tenantProducts")
                .keyType(String.class, Long.class)
                .valueType(Product.class)
                .build());
    AtomicInteger loads = new AtomicInteger();

    products.load(
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
    CacheAsideEngine<Long, Product> products = cachalot.cacheAside(spec().build());

    assertThatThrownBy(() -> products.getIfPresent(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("products");
    assertThatThrownBy(() -> products.load(null, () -> null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("products");
    assertThatThrownBy(() -> products.write(null, () -> {}))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("products");
  }

  @Test
  void aLoaderThatLoadsItsOwnKeyFailsInsteadOfDeadlocking() {
    CacheAsideEngine<Long, Product> products = cachalot.cacheAside(spec().build());

    assertThatThrownBy(() -> products.load(1L, () -> products.load(1L, () -> db.find(1))))
        .isInstanceOf(CachalotException.class)
        .hasMessageContaining("loads the same key again");
  }

  @Test
  void storeFailuresAreWrappedNamingCacheAndKey() {
    RuntimeException failure = new IllegalStateException("store down");
    Store broken =
        new Store() {
          @Override
          public <K, V> StoreCache<K, V> open(CacheSpec<K, V> spec) {
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
      CacheAsideEngine<Long, Product> products = brokenCachalot.cacheAside(spec().build());

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
