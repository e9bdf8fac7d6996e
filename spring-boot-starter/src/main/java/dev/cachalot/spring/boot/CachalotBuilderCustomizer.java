package dev.cachalot.spring.boot;

import dev.cachalot.Cachalot;

/**
 * Customizes the {@link Cachalot.Builder} of the auto-configured {@link Cachalot} after the {@code
 * cachalot.*} properties were applied to it: a bean of this type can set a store of its own, a
 * random source, or override a property. Customizers run in their {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * CachalotBuilderCustomizer sharedStore(MyStore store) {
 *   return builder -> builder.store(store);
 * }
 * }</pre>
 *
 * <p>Called once, on the thread that creates the Cachalot bean.
 */
@FunctionalInterface
public interface CachalotBuilderCustomizer {

  /** Customizes {@code builder}. */
  void customize(Cachalot.Builder builder);
}
