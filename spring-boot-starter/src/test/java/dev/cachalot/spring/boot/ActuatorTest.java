package dev.cachalot.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.Cachalot;
import dev.cachalot.CacheSpec;
import dev.cachalot.WriteBehindException;
import dev.cachalot.annotations.Strategy;
import dev.cachalot.spring.boot.actuate.CachalotEndpoint;
import dev.cachalot.spring.boot.actuate.CachalotEndpoint.CacheDescriptor;
import dev.cachalot.spring.boot.actuate.CachalotEndpointAutoConfiguration;
import dev.cachalot.spring.boot.actuate.CachalotHealthContributorAutoConfiguration;
import dev.cachalot.spring.boot.actuate.CachalotHealthIndicator;
import dev.cachalot.spring.boot.sample.CatalogDao;
import dev.cachalot.spring.boot.sample.Event;
import dev.cachalot.spring.boot.sample.EventDao;
import dev.cachalot.spring.boot.sample.MapCatalogDao;
import dev.cachalot.spring.boot.sample.MapEventDao;
import dev.cachalot.spring.boot.sample.Product;
import dev.cachalot.store.CaffeineStore;
import dev.cachalot.store.Store;
import dev.cachalot.store.StoreCache;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The {@code cachalot} endpoint and health indicator. */
class ActuatorTest {

  private final MapCatalogDao catalogDb = new MapCatalogDao();
  private final MapEventDao eventDb = new MapEventDao();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  CachalotAutoConfiguration.class,
                  CachalotEndpointAutoConfiguration.class,
                  CachalotHealthContributorAutoConfiguration.class))
          .withPropertyValues(
              "cachalot.retry-backoff.initial=1h",
              "cachalot.retry-backoff.max=1h",
              "cachalot.still-failing-after=2")
          .withBean("catalog", MapCatalogDao.class, () -> catalogDb)
          .withBean("events", MapEventDao.class, () -> eventDb);

  @Test
  void theEndpointExistsOnlyWhenExposed() {
    runner.run(context -> assertThat(context).doesNotHaveBean(CachalotEndpoint.class));
    runner
        .withPropertyValues("management.endpoints.web.exposure.include=cachalot")
        .run(context -> assertThat(context).hasSingleBean(CachalotEndpoint.class));
    runner
        .withPropertyValues(
            "management.endpoints.web.exposure.include=cachalot",
            "management.endpoint.cachalot.access=NONE")
        .run(context -> assertThat(context).doesNotHaveBean(CachalotEndpoint.class));
  }

  @Test
  void theEndpointDescribesEveryCacheAndFlushesAndInvalidatesOne() {
    catalogDb.rows.put(1L, new Product(1, "anchor"));
    runner
        .withPropertyValues("management.endpoints.web.exposure.include=cachalot")
        .run(
            context -> {
              CatalogDao catalog = context.getBean(CatalogDao.class);
              EventDao events = context.getBean(EventDao.class);
              catalog.find(1);
              catalog.find(1);
              events.record(new Event(1, "view"));
              events.record(new Event(2, "view"));
              CachalotEndpoint endpoint = context.getBean(CachalotEndpoint.class);

              Map<String, CacheDescriptor> caches = endpoint.caches().caches();
              assertThat(caches).containsOnlyKeys("events", "products");
              CacheDescriptor products = caches.get("products");
              assertThat(products.strategy()).isEqualTo(Strategy.CACHE_ASIDE);
              assertThat(products.stats().hits()).isEqualTo(1);
              assertThat(products.stats().misses()).isEqualTo(1);
              assertThat(products.settings())
                  .containsEntry("ttl", "PT10M")
                  .containsEntry("keyTypes", List.of("java.lang.Long"))
                  .containsEntry("valueType", "dev.cachalot.spring.boot.sample.Product")
                  .doesNotContainKey("flushInterval");
              CacheDescriptor pending = endpoint.cache("events");
              assertThat(pending.strategy()).isEqualTo(Strategy.WRITE_BEHIND);
              assertThat(pending.pendingWrites()).isEqualTo(2);
              assertThat(pending.settings())
                  .containsEntry("flushInterval", "PT1H")
                  .containsEntry("batchMethod", "insertAll")
                  .containsEntry("maxBatch", 500);
              assertThat(pending.storeStatistics()).isEmpty();
              assertThat(endpoint.cache("nothing")).isNull();

              CacheDescriptor flushed = endpoint.operate("events", "flush");
              assertThat(flushed.pendingWrites()).isZero();
              assertThat(flushed.stats().flushedWrites()).isEqualTo(2);
              assertThat(eventDb.rows).containsOnlyKeys(1L, 2L);

              CacheDescriptor emptied = endpoint.operate("products", "invalidateAll");
              assertThat(emptied.strategy()).isEqualTo(Strategy.CACHE_ASIDE);
              catalog.find(1);
              assertThat(catalogDb.reads).as("read again after invalidateAll").hasValue(2);

              assertThatThrownBy(() -> endpoint.operate("nothing", "flush"))
                  .isInstanceOf(InvalidEndpointRequestException.class)
                  .hasMessageContaining("no cache 'nothing'");
              assertThatThrownBy(() -> endpoint.operate("events", "drop"))
                  .isInstanceOf(InvalidEndpointRequestException.class)
                  .hasMessageContaining("unknown operation 'drop'");
            });
  }

  @Test
  void healthIsDownWhileAWriteKeepsFailingAndUpOnceItIsWritten() {
    runner.run(
        context -> {
          CachalotHealthIndicator health = context.getBean(CachalotHealthIndicator.class);
          assertThat(health.health().getStatus()).isEqualTo(Status.UP);
          context.getBean(EventDao.class).record(new Event(1, "view"));
          eventDb.failing = true;
          assertThatThrownBy(() -> context.getBean(Cachalot.class).cache("events").flush())
              .isInstanceOf(WriteBehindException.class);

          Health down = health.health();
          assertThat(down.getStatus()).isEqualTo(Status.DOWN);
          assertThat(down.getDetails())
              .containsEntry("caches", 2)
              .containsEntry("pendingWrites", 1L)
              .containsEntry(
                  "failing",
                  Map.of("events", Map.of("writesStillFailing", 1L, "pendingWrites", 1L)));

          eventDb.failing = false;
          context.getBean(Cachalot.class).cache("events").flush();
          Health up = health.health();
          assertThat(up.getStatus()).isEqualTo(Status.UP);
          assertThat(up.getDetails())
              .containsEntry("pendingWrites", 0L)
              .doesNotContainKey("failing");
        });
  }

  @Test
  void healthIsDownWhileAStoresBreakerIsOpen() {
    BreakerStore store = new BreakerStore();
    runner
        .withBean("store", CachalotBuilderCustomizer.class, () -> builder -> builder.store(store))
        .run(
            context -> {
              context.getBean(CatalogDao.class).find(1);
              CachalotHealthIndicator health = context.getBean(CachalotHealthIndicator.class);
              assertThat(health.health().getStatus()).isEqualTo(Status.UP);
              store.statistics.put("breaker.open", 1L);
              Health down = health.health();
              assertThat(down.getStatus()).isEqualTo(Status.DOWN);
              assertThat(down.getDetails())
                  .containsEntry(
                      "failing",
                      Map.of(
                          "events", Map.of("breaker", "open"),
                          "products", Map.of("breaker", "open")));
              store.statistics.put("breaker.open", 0L);
              assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            });
  }

  @Test
  void theHealthIndicatorCanBeTurnedOff() {
    runner
        .withPropertyValues("management.health.cachalot.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(CachalotHealthIndicator.class));
  }

  /** An in-process store that reports a circuit breaker, as the Redis tier does. */
  static final class BreakerStore implements Store {
    final Map<String, Long> statistics = new ConcurrentHashMap<>(Map.of("breaker.open", 0L));
    private final CaffeineStore entries = CaffeineStore.create();

    @Override
    public <K, V> StoreCache<K, V> open(CacheSpec spec) {
      StoreCache<K, V> cache = entries.open(spec);
      return new StoreCache<>() {
        @Override
        public Object get(K key) {
          return cache.get(key);
        }

        @Override
        public void put(K key, Object value, Duration ttl) {
          cache.put(key, value, ttl);
        }

        @Override
        public void remove(K key) {
          cache.remove(key);
        }

        @Override
        public void clear() {
          cache.clear();
        }

        @Override
        public Map<String, Long> statistics() {
          return Map.copyOf(statistics);
        }
      };
    }
  }
}
