package dev.cachalot.spring.boot;

import dev.cachalot.Cachalot;
import dev.cachalot.CacheListener;
import dev.cachalot.store.CaffeineStore;
import dev.cachalot.store.Store;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configures Cachalot: a {@link Cachalot} bean built from the {@code cachalot.*} properties
 * (unless the application defines its own), with every {@link CacheListener} bean as a listener and
 * every {@link CachalotBuilderCustomizer} applied; and the {@link CachalotBeanPostProcessor} that
 * decorates the DAO beans and closes the Cachalot at shutdown after the beans that use it and
 * before the {@code DataSource}.
 */
@AutoConfiguration
@ConditionalOnClass(Cachalot.class)
@EnableConfigurationProperties(CachalotProperties.class)
public final class CachalotAutoConfiguration {

  CachalotAutoConfiguration() {}

  /**
   * The Cachalot of the application; closed when the context closes, which flushes every
   * write-behind buffer (for at most {@code cachalot.close-timeout}).
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  Cachalot cachalot(
      CachalotProperties properties,
      ObjectProvider<CacheListener> listeners,
      ObjectProvider<CachalotBuilderCustomizer> customizers) {
    Cachalot.Builder builder =
        Cachalot.builder()
            .store(store(properties.getStore()))
            .ttlJitter(properties.getTtlJitter())
            .retryBackoff(
                properties.getRetryBackoff().getInitial(), properties.getRetryBackoff().getMax())
            .stillFailingAfter(properties.getStillFailingAfter())
            .writeBehindFullTimeout(properties.getWriteBehindFullTimeout())
            .closeTimeout(properties.getCloseTimeout())
            .requireGenerated(properties.isRequireGenerated())
            // The context closes the Cachalot, in order (after the DAO beans, before the
            // DataSource); a JVM hook of its own would race Spring's and flush into a closed pool.
            .shutdownHook(false);
    listeners.orderedStream().forEach(builder::listener);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  private static Store store(CachalotProperties.Store store) {
    // Exhaustive: a new store type does not compile until it is built here.
    return switch (store.getType()) {
      case MEMORY -> {
        Long maximumSize = store.getMemory().getMaximumSize();
        yield maximumSize == null ? CaffeineStore.create() : CaffeineStore.maximumSize(maximumSize);
      }
    };
  }

  /**
   * Decorates the DAO beans (unless {@code cachalot.decorate-beans=false}) and orders the
   * Cachalot's shutdown. Static, as a post-processor must be created before the other beans.
   */
  @Bean
  static CachalotBeanPostProcessor cachalotBeanPostProcessor(Environment environment) {
    boolean decorate =
        Binder.get(environment).bind("cachalot.decorate-beans", Boolean.class).orElse(true);
    return new CachalotBeanPostProcessor(decorate);
  }
}
