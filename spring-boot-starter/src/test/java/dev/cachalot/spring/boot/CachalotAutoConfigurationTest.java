package dev.cachalot.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.Cachalot;
import dev.cachalot.CacheHandle;
import dev.cachalot.CacheListener;
import dev.cachalot.WriteBehindFullException;
import dev.cachalot.micrometer.CachalotMetrics;
import dev.cachalot.spring.boot.CachalotProperties.StoreType;
import dev.cachalot.spring.boot.actuate.CachalotEndpoint;
import dev.cachalot.spring.boot.actuate.CachalotEndpointAutoConfiguration;
import dev.cachalot.spring.boot.actuate.CachalotHealthContributorAutoConfiguration;
import dev.cachalot.spring.boot.actuate.CachalotHealthIndicator;
import dev.cachalot.spring.boot.metrics.CachalotMetricsAutoConfiguration;
import dev.cachalot.spring.boot.sample.BoundedEventDao;
import dev.cachalot.spring.boot.sample.CatalogDao;
import dev.cachalot.spring.boot.sample.Event;
import dev.cachalot.spring.boot.sample.EventDao;
import dev.cachalot.spring.boot.sample.MapCatalogDao;
import dev.cachalot.spring.boot.sample.MapEventDao;
import dev.cachalot.spring.boot.sample.Product;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The auto-configuration: its defaults, every property, and backing off. */
class CachalotAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  CachalotAutoConfiguration.class,
                  CachalotMetricsAutoConfiguration.class,
                  CachalotEndpointAutoConfiguration.class,
                  CachalotHealthContributorAutoConfiguration.class));

  @Test
  void defaults() {
    runner.run(
        context -> {
          assertThat(context)
              .hasNotFailed()
              .hasSingleBean(Cachalot.class)
              .hasSingleBean(CachalotBeanPostProcessor.class)
              .hasSingleBean(CachalotHealthIndicator.class)
              // no registry, so no meters; not exposed, so no endpoint
              .doesNotHaveBean(CachalotMetrics.class)
              .doesNotHaveBean(CachalotEndpoint.class);
          CachalotProperties properties = context.getBean(CachalotProperties.class);
          assertThat(properties.getStore().getType()).isEqualTo(StoreType.MEMORY);
          assertThat(properties.getStore().getMemory().getMaximumSize()).isNull();
          assertThat(properties.getTtlJitter()).isZero();
          assertThat(properties.getRetryBackoff().getInitial()).isEqualTo(Duration.ofMillis(100));
          assertThat(properties.getRetryBackoff().getMax()).isEqualTo(Duration.ofSeconds(30));
          assertThat(properties.getStillFailingAfter()).isEqualTo(5);
          assertThat(properties.getWriteBehindFullTimeout()).isEqualTo(Duration.ofSeconds(10));
          assertThat(properties.getCloseTimeout()).isEqualTo(Duration.ofSeconds(30));
          assertThat(properties.isRequireGenerated()).isFalse();
          assertThat(properties.isDecorateBeans()).isTrue();
          assertThat(context.getBean(Cachalot.class).caches()).isEmpty();
        });
  }

  @Test
  void everyPropertyIsBound() {
    runner
        .withPropertyValues(
            "cachalot.store.type=memory",
            "cachalot.store.memory.maximum-size=1000",
            "cachalot.ttl-jitter=0.25",
            "cachalot.retry-backoff.initial=50ms",
            "cachalot.retry-backoff.max=2s",
            "cachalot.still-failing-after=3",
            "cachalot.write-behind-full-timeout=1s",
            "cachalot.close-timeout=5s",
            "cachalot.require-generated=true",
            "cachalot.decorate-beans=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              CachalotProperties properties = context.getBean(CachalotProperties.class);
              assertThat(properties.getStore().getType()).isEqualTo(StoreType.MEMORY);
              assertThat(properties.getStore().getMemory().getMaximumSize()).isEqualTo(1000);
              assertThat(properties.getTtlJitter()).isEqualTo(0.25);
              assertThat(properties.getRetryBackoff().getInitial())
                  .isEqualTo(Duration.ofMillis(50));
              assertThat(properties.getRetryBackoff().getMax()).isEqualTo(Duration.ofSeconds(2));
              assertThat(properties.getStillFailingAfter()).isEqualTo(3);
              assertThat(properties.getWriteBehindFullTimeout()).isEqualTo(Duration.ofSeconds(1));
              assertThat(properties.getCloseTimeout()).isEqualTo(Duration.ofSeconds(5));
              assertThat(properties.isRequireGenerated()).isTrue();
              assertThat(properties.isDecorateBeans()).isFalse();
            });
  }

  @Test
  void anInvalidValueFailsTheStartWithTheBuildersMessage() {
    // Proves the values reach the builder, which checks them.
    runner
        .withPropertyValues("cachalot.ttl-jitter=1.0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("ttlJitter must be at least 0 and less than 1"));
    runner
        .withPropertyValues("cachalot.still-failing-after=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("stillFailingAfter must be at least 1"));
    runner
        .withPropertyValues("cachalot.close-timeout=-1s")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("closeTimeout must be zero or positive"));
    runner
        .withPropertyValues("cachalot.store.type=redis")
        .run(context -> assertThat(context).hasFailed());
  }

  @Test
  void maximumSizeBoundsTheInProcessStore() {
    MapCatalogDao db = new MapCatalogDao();
    db.rows.put(1L, new Product(1, "anchor"));
    db.rows.put(2L, new Product(2, "rope"));
    runner
        .withPropertyValues("cachalot.store.memory.maximum-size=1")
        .withBean("catalog", MapCatalogDao.class, () -> db)
        .run(
            context -> {
              CatalogDao catalog = context.getBean(CatalogDao.class);
              catalog.find(1);
              catalog.find(2); // evicts 1: the store holds one entry
              catalog.find(1);
              assertThat(db.reads).hasValue(3);
            });
    MapCatalogDao unbounded = new MapCatalogDao();
    unbounded.rows.putAll(db.rows);
    runner
        .withBean("catalog", MapCatalogDao.class, () -> unbounded)
        .run(
            context -> {
              CatalogDao catalog = context.getBean(CatalogDao.class);
              catalog.find(1);
              catalog.find(2);
              catalog.find(1);
              assertThat(unbounded.reads).hasValue(2);
            });
  }

  @Test
  void stillFailingAfterSetsWhenAWriteCountsAsStillFailing() {
    MapEventDao db = new MapEventDao();
    runner
        .withPropertyValues("cachalot.still-failing-after=2", "cachalot.retry-backoff.initial=1h")
        .withPropertyValues("cachalot.retry-backoff.max=1h")
        .withBean("events", MapEventDao.class, () -> db)
        .run(
            context -> {
              db.failing = true;
              context.getBean(EventDao.class).record(new Event(1, "view"));
              CacheHandle events = context.getBean(Cachalot.class).cache("events");
              flushFailing(events);
              // The batch failed, then the write on its own: two failures in a row.
              assertThat(events.stats().writesStillFailing()).isEqualTo(1);
              db.failing = false;
            });
    runner
        .withPropertyValues("cachalot.still-failing-after=3", "cachalot.retry-backoff.initial=1h")
        .withPropertyValues("cachalot.retry-backoff.max=1h")
        .withBean("events", MapEventDao.class, () -> db)
        .run(
            context -> {
              db.failing = true;
              context.getBean(EventDao.class).record(new Event(1, "view"));
              CacheHandle events = context.getBean(Cachalot.class).cache("events");
              flushFailing(events);
              assertThat(events.stats().writesStillFailing()).isZero();
              db.failing = false;
            });
  }

  @Test
  void retryBackoffSetsHowSoonAFailedWriteIsRetried() {
    MapEventDao db = new MapEventDao();
    runner
        .withPropertyValues(
            "cachalot.retry-backoff.initial=10ms", "cachalot.retry-backoff.max=10ms")
        .withBean("events", MapEventDao.class, () -> db)
        .run(
            context -> {
              db.failing = true;
              context.getBean(EventDao.class).record(new Event(1, "view"));
              CacheHandle events = context.getBean(Cachalot.class).cache("events");
              flushFailing(events);
              // The flusher retries by itself every ~10 ms (by default: after 100 ms, 200 ms,
              // 400 ms, ..., about 6 retries in 10 s).
              Await.until(
                  "20 retries ran by themselves", () -> events.stats().failedFlushAttempts() >= 20);
              db.failing = false;
              Await.until("a retry wrote the event", () -> db.rows.containsKey(1L));
            });
  }

  @Test
  void writeBehindFullTimeoutSetsHowLongAWriterWaitsForRoom() {
    runner
        // The write never reaches the database: close gives it up at once.
        .withPropertyValues("cachalot.write-behind-full-timeout=0s", "cachalot.close-timeout=0s")
        .withBean(
            "bounded",
            BoundedEventDao.class,
            () ->
                event -> {
                  throw new IllegalStateException("the database is down"); // the write stays
                })
        .run(
            context -> {
              BoundedEventDao bounded = context.getBean(BoundedEventDao.class);
              bounded.record(new Event(1, "view"));
              long start = System.nanoTime();
              // The buffer holds one key: a second key waits for room, here not at all (the
              // default would block for 10 s).
              assertThatThrownBy(() -> bounded.record(new Event(2, "view")))
                  .isInstanceOf(WriteBehindFullException.class);
              assertThat(Duration.ofNanos(System.nanoTime() - start))
                  .isLessThan(Duration.ofSeconds(5));
            });
  }

  @Test
  void closeTimeoutBoundsTheFinalFlush() {
    MapEventDao db = new MapEventDao();
    List<Cachalot> closed = new CopyOnWriteArrayList<>();
    long[] took = new long[1];
    runner
        .withPropertyValues(
            "cachalot.close-timeout=300ms",
            "cachalot.retry-backoff.initial=20ms",
            "cachalot.retry-backoff.max=20ms")
        .withBean("events", MapEventDao.class, () -> db)
        .run(
            context -> {
              db.failing = true;
              context.getBean(EventDao.class).record(new Event(1, "view"));
              closed.add(context.getBean(Cachalot.class));
              long start = System.nanoTime();
              context.close(); // the final flush retries every 20 ms until 300 ms are up
              took[0] = System.nanoTime() - start;
            });
    CacheHandle events = closed.get(0).cache("events");
    assertThat(events.stats().abandonedWrites()).isEqualTo(1);
    assertThat(events.stats().failedFlushAttempts()).isGreaterThan(3);
    assertThat(Duration.ofNanos(took[0]))
        .isGreaterThanOrEqualTo(Duration.ofMillis(250))
        .isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void requireGeneratedRefusesDaosWithoutAGeneratedDecorator(@TempDir Path dir) {
    Object countries = RuntimeCompiledDao.create(dir);
    @SuppressWarnings("unchecked")
    Class<Object> type = (Class<Object>) countries.getClass();
    runner
        .withBean("countries", type, () -> countries)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Object decorated = context.getBean("countries");
              assertThat(decorated.getClass().getName())
                  .isEqualTo("fallback.CountryDao$CachalotDynamic");
              assertThat(context.getBean(Cachalot.class).cache("countries")).isNotNull();
            });
    runner
        .withPropertyValues("cachalot.require-generated=true")
        .withBean("countries", type, () -> countries)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining(
                        "the decorator fallback.CachedCountryDao was not generated")
                    .hasMessageContaining("cachalot-processor"));
  }

  @Test
  void anApplicationsOwnCachalotIsUsedAndTheAutoConfiguredOneBacksOff() {
    MapCatalogDao db = new MapCatalogDao();
    runner
        .withUserConfiguration(OwnCachalot.class)
        .withPropertyValues("cachalot.close-timeout=-1s") // would fail if it were applied
        .withBean("catalog", MapCatalogDao.class, () -> db)
        .run(
            context -> {
              assertThat(context).hasNotFailed().hasSingleBean(Cachalot.class);
              Cachalot own = context.getBean(Cachalot.class);
              assertThat(own).isSameAs(context.getBean(OwnCachalot.class).cachalot);
              context.getBean(CatalogDao.class).find(1);
              assertThat(own.cache("products").stats().misses()).isEqualTo(1);
            });
  }

  @Test
  void listenerBeansAndCustomizersApply() {
    List<String> heard = new CopyOnWriteArrayList<>();
    List<String> customized = new CopyOnWriteArrayList<>();
    runner
        .withBean("listener", CacheListener.class, () -> event -> heard.add(event.kind().name()))
        .withBean(
            "customizer",
            CachalotBuilderCustomizer.class,
            () -> builder -> builder.listener(event -> customized.add(event.cache())))
        .withBean("catalog", MapCatalogDao.class, MapCatalogDao::new)
        .run(
            context -> {
              Optional<Product> none = context.getBean(CatalogDao.class).find(7);
              assertThat(none).isEmpty();
              assertThat(heard).contains("MISS", "LOAD");
              assertThat(customized).contains("products");
            });
  }

  private static void flushFailing(CacheHandle cache) {
    assertThatThrownBy(cache::flush).isInstanceOf(dev.cachalot.WriteBehindException.class);
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnCachalot {
    final Cachalot cachalot = Cachalot.builder().closeTimeout(Duration.ofSeconds(1)).build();

    @Bean
    Cachalot myCachalot() {
      return cachalot;
    }
  }
}
