package dev.cachalot;

import static dev.cachalot.Generated.caches;
import static dev.cachalot.Generated.load;
import static dev.cachalot.Generated.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.annotations.Strategy;
import dev.cachalot.internal.CacheAsideEngine;
import dev.cachalot.internal.CacheDeclaration;
import dev.cachalot.internal.InvalidationTarget;
import dev.cachalot.store.CaffeineStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CachalotTest {

  /** A nested DAO interface; its decorator is {@code CachedCachalotTest_NestedDao}. */
  public interface NestedDao {
    String name(String id);
  }

  /** A DAO interface the processor did not run for. */
  public interface UndecoratedDao {
    String name(String id);
  }

  /** Deeper nesting, for the decorator's name. */
  static final class Mid {
    interface Inner {}
  }

  private final Cachalot cachalot = Cachalot.inMemory();

  @AfterEach
  void close() {
    cachalot.close();
  }

  private static CacheDeclaration.Builder<Long, Product> products() {
    return CacheDeclaration.<Long, Product>named("products")
        .keyType(Long.class)
        .valueType(Product.class)
        .ttl(Duration.ofMinutes(10));
  }

  /** A DAO over {@link FakeDb}. */
  private static ProductDao dao(FakeDb db) {
    return new ProductDao() {
      @Override
      public Optional<Product> findById(long id) {
        return Optional.ofNullable(db.find(id));
      }

      @Override
      public void save(Product product) {
        db.save(product);
      }
    };
  }

  @Test
  void decorateFindsTheGeneratedDecorator() {
    FakeDb db = new FakeDb();
    db.rows.put(1L, new Product(1, "anchor"));

    ProductDao products = cachalot.decorate(ProductDao.class, dao(db));

    assertThat(products).isInstanceOf(CachedProductDao.class);
    assertThat(products.findById(1)).contains(new Product(1, "anchor"));
    assertThat(products.findById(1)).contains(new Product(1, "anchor"));
    assertThat(db.finds).hasValue(1);
    products.save(new Product(1, "bigger anchor"));
    assertThat(products.findById(1)).contains(new Product(1, "bigger anchor"));
    assertThat(cachalot.cache("products").strategy()).isEqualTo(Strategy.CACHE_ASIDE);
  }

  @Test
  void decorateFindsTheDecoratorOfANestedInterface() {
    AtomicInteger calls = new AtomicInteger();
    NestedDao delegate =
        id -> {
          calls.incrementAndGet();
          return "name of " + id;
        };

    NestedDao names = cachalot.decorate(NestedDao.class, delegate);
    NestedDao again = cachalot.decorate(NestedDao.class, delegate);

    assertThat(names).isInstanceOf(CachedCachalotTest_NestedDao.class);
    assertThat(names.name("a")).isEqualTo("name of a");
    assertThat(again.name("a")).isEqualTo("name of a");
    assertThat(calls).hasValue(1);
  }

  @Test
  void theDecoratorNameJoinsTheEnclosingClasses() {
    assertThat(Cachalot.generatedName(ProductDao.class)).isEqualTo("dev.cachalot.CachedProductDao");
    assertThat(Cachalot.generatedName(NestedDao.class))
        .isEqualTo("dev.cachalot.CachedCachalotTest_NestedDao");
    assertThat(Cachalot.generatedName(Mid.Inner.class))
        .isEqualTo("dev.cachalot.CachedCachalotTest_Mid_Inner");
  }

  @Test
  void withRequireGeneratedDecorateExplainsAMissingDecorator() {
    Cachalot strict = Cachalot.builder().requireGenerated(true).build();
    assertThatThrownBy(() -> strict.decorate(UndecoratedDao.class, id -> id))
        .isInstanceOf(CachalotException.class)
        .hasMessageContaining("dev.cachalot.CachedCachalotTest_UndecoratedDao was not generated")
        .hasMessageContaining("dev.cachalot:cachalot-processor")
        .hasMessageContaining("annotationProcessorPaths")
        .hasMessageContaining("maven-compiler-plugin");
    strict.close();
  }

  @Test
  void decorateRejectsAClassAndANullDelegate() {
    assertThatThrownBy(() -> cachalot.decorate(Product.class, new Product(1, "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dev.cachalot.Product is not an interface");
    assertThatThrownBy(() -> cachalot.decorate(ProductDao.class, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("ProductDao");
  }

  @Test
  void oneCacheNameHasOneEngine() {
    CacheAsideEngine<Long, Product> first = caches(cachalot).cacheAside(products().build());
    CacheAsideEngine<Long, Product> second = caches(cachalot).cacheAside(products().build());

    assertThat(second).isSameAs(first);
    load(first, 1L, () -> new Product(1, "anchor"));
    assertThat(second.getIfPresent(1L)).isEqualTo(new Product(1, "anchor"));
  }

  @Test
  void aDifferentSpecForOneCacheIsRejected() {
    caches(cachalot).cacheAside(products().build());

    assertThatThrownBy(
            () -> caches(cachalot).cacheAside(products().ttl(Duration.ofMinutes(5)).build()))
        .isInstanceOf(CachalotException.class)
        .hasMessageContaining(
            "[CACHALOT-SETTING-CONFLICT] cache \"products\" has ttl = \"5m\" here but \"10m\" on"
                + " a decorator of Generated created earlier: a cache's settings are given once,"
                + " or repeated identically");
    assertThatThrownBy(
            () ->
                caches(cachalot)
                    .cacheAside(
                        CacheDeclaration.<String, Product>named("products")
                            .keyType(String.class)
                            .valueType(Product.class)
                            .ttl(Duration.ofMinutes(10))
                            .build()))
        .isInstanceOf(CachalotException.class)
        .hasMessageContaining(
            "cache \"products\" has key type java.lang.String here but java.lang.Long on a"
                + " decorator of Generated created earlier: one cache has one key type");
  }

  @Test
  void aDifferentStrategyForOneCacheIsRejected() {
    caches(cachalot).cacheAside(products().build());

    assertThatThrownBy(() -> caches(cachalot).writeThrough(products().build()))
        .isInstanceOf(CachalotException.class)
        .hasMessageContaining(
            "cache \"products\" is @WriteThrough here but @CacheAside on a decorator of Generated"
                + " created earlier: one cache has one strategy");
    assertThatThrownBy(() -> caches(cachalot).writeBehind(products().build()))
        .isInstanceOf(CachalotException.class)
        .hasMessageContaining("is @WriteBehind here but @CacheAside");
  }

  @Test
  void handlesDescribeEveryCache() {
    caches(cachalot)
        .writeThrough(
            CacheDeclaration.<Long, Product>named("sessions")
                .keyType(Long.class)
                .valueType(Product.class)
                .build());
    caches(cachalot).cacheAside(products().build());

    assertThat(cachalot.caches())
        .extracting(CacheHandle::name)
        .containsExactly("products", "sessions");
    CacheHandle sessions = cachalot.cache("sessions");
    assertThat(sessions.strategy()).isEqualTo(Strategy.WRITE_THROUGH);
    assertThat(sessions.spec().name()).isEqualTo("sessions");
    assertThat(sessions.pendingWrites()).isZero();
    sessions.flush(); // a no-op for write-through
    assertThatThrownBy(() -> cachalot.cache("orders"))
        .isInstanceOf(CachalotException.class)
        .hasMessageContaining("no cache 'orders'")
        .hasMessageContaining("[products, sessions]");
  }

  @Test
  void anInvalidatorResolvesItsCacheOnEachCall() {
    InvalidationTarget invalidator = caches(cachalot).invalidationTarget("products");
    invalidator.invalidate(1L); // no cache yet: nothing to do
    invalidator.invalidateAll();

    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(products().build());
    load(products, 1L, () -> new Product(1, "anchor"));
    load(products, 2L, () -> new Product(2, "buoy"));
    invalidator.invalidate(1L);
    assertThat(products.getIfPresent(1L)).isNull();
    assertThat(products.getIfPresent(2L)).isNotNull();
    invalidator.invalidate("not a key of this cache");
    invalidator.invalidateAll();
    assertThat(products.getIfPresent(2L)).isNull();
  }

  @Test
  void aListenerThatThrowsDoesNotBreakTheCache() {
    AtomicInteger heard = new AtomicInteger();
    Map<CacheEvent.Kind, Integer> kinds = new ConcurrentHashMap<>();
    try (Cachalot noisy =
        Cachalot.builder()
            .listener(
                event -> {
                  heard.incrementAndGet();
                  throw new IllegalStateException("listener bug");
                })
            .listener(event -> kinds.merge(event.kind(), 1, Integer::sum))
            .build()) {
      CacheAsideEngine<Long, Product> products = caches(noisy).cacheAside(products().build());

      assertThat(load(products, 1L, () -> new Product(1, "anchor"))).isNotNull();
      assertThat(products.getIfPresent(1L)).isEqualTo(new Product(1, "anchor"));
    }
    assertThat(heard.get()).isGreaterThanOrEqualTo(4);
    assertThat(kinds)
        .containsEntry(CacheEvent.Kind.MISS, 1)
        .containsEntry(CacheEvent.Kind.LOAD, 1)
        .containsEntry(CacheEvent.Kind.FILL, 1)
        .containsEntry(CacheEvent.Kind.HIT, 1);
  }

  @Test
  void entriesExpireAfterTheirTtl() {
    AtomicLong now = new AtomicLong();
    try (Cachalot timed =
        Cachalot.builder().store(CaffeineStore.builder().ticker(now::get).build()).build()) {
      CacheAsideEngine<Long, Product> products =
          caches(timed).cacheAside(products().negativeTtl(Duration.ofSeconds(30)).build());
      AtomicInteger loads = new AtomicInteger();

      load(products, 1L, () -> new Product(1, "anchor" + loads.incrementAndGet()));
      load(products, 2L, () -> null);
      now.addAndGet(Duration.ofSeconds(29).toNanos());
      assertThat(products.getIfPresent(1L)).isEqualTo(new Product(1, "anchor1"));
      assertThat(load(products, 2L, () -> new Product(2, "too early"))).isNull();

      now.addAndGet(Duration.ofSeconds(2).toNanos());
      assertThat(products.getIfPresent(1L)).isEqualTo(new Product(1, "anchor1"));
      assertThat(load(products, 2L, () -> new Product(2, "buoy")))
          .isEqualTo(new Product(2, "buoy"));

      now.addAndGet(Duration.ofMinutes(10).toNanos());
      assertThat(products.getIfPresent(1L)).isNull();
      assertThat(load(products, 1L, () -> new Product(1, "anchor" + loads.incrementAndGet())))
          .isEqualTo(new Product(1, "anchor2"));
    }
  }

  @Test
  void entriesWithoutTtlNeverExpire() {
    AtomicLong now = new AtomicLong();
    try (Cachalot timed =
        Cachalot.builder().store(CaffeineStore.builder().ticker(now::get).build()).build()) {
      CacheAsideEngine<Long, Product> forever =
          caches(timed)
              .cacheAside(
                  CacheDeclaration.<Long, Product>named("forever")
                      .keyType(Long.class)
                      .valueType(Product.class)
                      .build());

      load(forever, 1L, () -> new Product(1, "anchor"));
      now.addAndGet(Duration.ofDays(365 * 100).toNanos());

      assertThat(forever.getIfPresent(1L)).isEqualTo(new Product(1, "anchor"));
    }
  }

  @Test
  void afterCloseEveryCallSaysCachalotIsClosed() {
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(products().build());
    InvalidationTarget invalidator = caches(cachalot).invalidationTarget("products");

    cachalot.close();
    cachalot.close();

    assertThatThrownBy(() -> products.getIfPresent(1L)).hasMessageContaining("Cachalot is closed");
    assertThatThrownBy(() -> load(products, 1L, () -> null))
        .hasMessageContaining("Cachalot is closed");
    assertThatThrownBy(() -> write(products, 1L, () -> {}))
        .hasMessageContaining("Cachalot is closed");
    assertThatThrownBy(() -> invalidator.invalidate(1L)).hasMessageContaining("Cachalot is closed");
    assertThatThrownBy(() -> caches(cachalot).cacheAside(products().build()))
        .isInstanceOf(CachalotException.class)
        .hasMessageContaining("Cachalot is closed");
    assertThatThrownBy(() -> cachalot.decorate(ProductDao.class, dao(new FakeDb())))
        .hasMessageContaining("Cachalot is closed");
  }
}
