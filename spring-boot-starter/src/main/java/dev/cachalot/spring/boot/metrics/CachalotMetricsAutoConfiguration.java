package dev.cachalot.spring.boot.metrics;

import dev.cachalot.Cachalot;
import dev.cachalot.micrometer.CachalotMetrics;
import dev.cachalot.spring.boot.CachalotAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures Cachalot's meters ({@link CachalotMetrics}) when there is a {@link MeterRegistry}
 * bean: Spring Boot binds the {@code MeterBinder} bean to every registry, and the binder binds
 * every cache, including those created later.
 */
@AutoConfiguration(
    after = CachalotAutoConfiguration.class,
    afterName =
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({Cachalot.class, CachalotMetrics.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnSingleCandidate(Cachalot.class)
public final class CachalotMetricsAutoConfiguration {

  CachalotMetricsAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  CachalotMetrics cachalotMetrics(Cachalot cachalot) {
    return new CachalotMetrics(cachalot);
  }
}
