package dev.cachalot.spring.boot.actuate;

import dev.cachalot.Cachalot;
import dev.cachalot.spring.boot.CachalotAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the {@code cachalot} health indicator when Spring Boot's health support is
 * present, unless {@code management.health.cachalot.enabled=false}.
 */
@AutoConfiguration(after = CachalotAutoConfiguration.class)
@ConditionalOnClass({
  Cachalot.class,
  HealthIndicator.class,
  ConditionalOnEnabledHealthIndicator.class
})
@ConditionalOnEnabledHealthIndicator("cachalot")
@ConditionalOnSingleCandidate(Cachalot.class)
public final class CachalotHealthContributorAutoConfiguration {

  CachalotHealthContributorAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(name = "cachalotHealthIndicator")
  CachalotHealthIndicator cachalotHealthIndicator(Cachalot cachalot) {
    return new CachalotHealthIndicator(cachalot);
  }
}
