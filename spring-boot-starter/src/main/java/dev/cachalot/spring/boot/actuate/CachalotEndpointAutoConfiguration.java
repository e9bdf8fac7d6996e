package dev.cachalot.spring.boot.actuate;

import dev.cachalot.Cachalot;
import dev.cachalot.spring.boot.CachalotAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the {@code cachalot} Actuator endpoint when Actuator is present and the endpoint
 * is available (exposed, for example with {@code management.endpoints.web.exposure.include}).
 */
@AutoConfiguration(after = CachalotAutoConfiguration.class)
@ConditionalOnClass({Cachalot.class, Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnAvailableEndpoint(CachalotEndpoint.class)
@ConditionalOnSingleCandidate(Cachalot.class)
public final class CachalotEndpointAutoConfiguration {

  CachalotEndpointAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  CachalotEndpoint cachalotEndpoint(Cachalot cachalot) {
    return new CachalotEndpoint(cachalot);
  }
}
