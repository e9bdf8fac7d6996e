package dev.cachalot.examples.simulator;

import dev.cachalot.spring.boot.CachalotAutoConfiguration;
import dev.cachalot.spring.boot.CachalotBuilderCustomizer;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The beans of one {@link Generation}'s context: the app's three DAOs, which the Cachalot starter's
 * auto-configuration (imported here, not in the main context) decorates with its {@code Cachalot},
 * built from the {@code cachalot.*} properties. The generation registers its {@link Fence}, its
 * {@link ObservedStore} and its {@code CacheListener} as beans before this runs; the starter adds
 * every listener bean, and the customizer below gives the builder the store and the durability.
 *
 * <p>Not a {@code @Configuration}: the main context's component scan must not pick it up; each
 * generation registers it in its own context.
 */
@ImportAutoConfiguration(CachalotAutoConfiguration.class)
class EngineConfiguration {

  @Bean
  CacheAsideUsers cacheAsideUsers(Database database, Fence fence, RaceGate gate) {
    return new JdbcUsers.CacheAside(database, fence, gate);
  }

  @Bean
  WriteThroughUsers writeThroughUsers(Database database, Fence fence) {
    return new JdbcUsers.WriteThrough(database, fence);
  }

  @Bean
  WriteBehindUsers writeBehindUsers(Database database, Fence fence) {
    return new JdbcUsers.WriteBehind(database, fence);
  }

  @Bean
  CachalotBuilderCustomizer simulatorTiers(ObservedStore store, SimulatorProperties properties) {
    return builder -> {
      // The simulator closes each generation itself: flushing first on a clean stop, not at all
      // on a crash; Cachalot's own exit hook would flush a crashed one.
      builder.store(store).shutdownHook(false);
      Tiers.durability(builder, properties);
    };
  }
}
