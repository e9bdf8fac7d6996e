package dev.cachalot.examples.simulator;

import dev.cachalot.Cachalot;
import dev.cachalot.CacheHandle;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One run of the app's caching layer, from its start to its clean stop or its crash: a child
 * application context in which the Cachalot starter built the {@link Cachalot} and decorated the
 * three DAO beans. A crash abandons a generation and starts the next, as a restart of the process
 * would.
 */
final class Generation {

  final int number;
  final ConfigurableApplicationContext context;
  final Cachalot cachalot;
  final ObservedStore store;
  final Fence fence;
  final BufferWatch buffer;
  private final Map<Lane, Users> users = new EnumMap<>(Lane.class);

  Generation(
      int number,
      ConfigurableApplicationContext context,
      ObservedStore store,
      Fence fence,
      BufferWatch buffer) {
    this.number = number;
    this.context = context;
    this.cachalot = context.getBean(Cachalot.class);
    this.store = store;
    this.fence = fence;
    this.buffer = buffer;
    for (Lane lane : Lane.values()) {
      users.put(lane, context.getBean(lane.dao));
    }
  }

  /** The lane's DAO bean: the starter's decorator around the app's {@link JdbcUsers}. */
  Users users(Lane lane) {
    return users.get(lane);
  }

  /** The cache-aside DAO, with its {@code evict}. */
  CacheAsideUsers cacheAside() {
    return (CacheAsideUsers) users.get(Lane.CACHE_ASIDE);
  }

  CacheHandle handle(Lane lane) {
    return cachalot.cache(lane.id);
  }
}
