package dev.cachalot.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.Cachalot;
import dev.cachalot.micrometer.CachalotMetrics;
import dev.cachalot.spring.boot.metrics.CachalotMetricsAutoConfiguration;
import dev.cachalot.spring.boot.sample.CatalogDao;
import dev.cachalot.spring.boot.sample.Event;
import dev.cachalot.spring.boot.sample.EventDao;
import dev.cachalot.spring.boot.sample.MapCatalogDao;
import dev.cachalot.spring.boot.sample.MapEventDao;
import dev.cachalot.spring.boot.sample.Product;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Cachalot's meters are bound when, and only when, there is a meter registry. */
class MetricsAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  CachalotAutoConfiguration.class, CachalotMetricsAutoConfiguration.class))
          .withBean("catalog", MapCatalogDao.class, MapCatalogDao::new);

  @Test
  void noRegistryNoMeters() {
    runner
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean(MeterRegistry.class)
                    .doesNotHaveBean(CachalotMetrics.class));
  }

  @Test
  void withARegistryEveryCacheIsMeasuredIncludingThoseCreatedLater() {
    runner
        .withConfiguration(
            AutoConfigurations.of(
                MetricsAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class))
        .run(
            context -> {
              assertThat(context).hasSingleBean(CachalotMetrics.class);
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              CatalogDao catalog = context.getBean(CatalogDao.class);
              catalog.save(new Product(1, "anchor"));
              catalog.find(1);
              catalog.find(1);
              catalog.find(1);
              catalog.find(2);
              // A cache the Cachalot creates after the registry was bound.
              context
                  .getBean(Cachalot.class)
                  .decorate(EventDao.class, new MapEventDao())
                  .record(new Event(1, "view"));

              assertThat(
                      registry
                          .get("cache.gets")
                          .tags("cache", "products", "strategy", "CACHE_ASIDE", "result", "hit")
                          .functionCounter()
                          .count())
                  .isEqualTo(2);
              assertThat(
                      registry
                          .get("cache.gets")
                          .tags("cache", "products", "result", "miss")
                          .functionCounter()
                          .count())
                  .isEqualTo(2);
              assertThat(
                      registry
                          .get("cache.writes")
                          .tag("cache", "products")
                          .functionCounter()
                          .count())
                  .isEqualTo(1);
              assertThat(
                      registry
                          .get("cache.writes.pending")
                          .tags("cache", "events", "strategy", "WRITE_BEHIND")
                          .gauge()
                          .value())
                  .isEqualTo(1);
            });
  }
}
