package dev.cachalot.it;

import dev.cachalot.Cachalot;
import dev.cachalot.redis.RedisStore;
import dev.cachalot.redis.TestRedis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The stores every behaviour suite runs on: Cachalot's in-process store, and the Redis tier (the
 * server on 127.0.0.1:6379) without and with near caches. The suites' assertions are the same on
 * all three: the promises do not depend on where the entries live.
 */
enum StoreKind {
  /** The default: Caffeine, in process. */
  MEMORY,
  /** One shared cache on Redis. */
  REDIS,
  /** Redis with a near cache in front of it. */
  REDIS_NEAR;

  /** Every decorator path on every store: the parameters of the behaviour suites. */
  static List<Arguments> everyPathOnEveryStore() {
    List<Arguments> all = new ArrayList<>();
    for (DecoratorPath path : DecoratorPath.values()) {
      for (StoreKind store : values()) {
        all.add(Arguments.of(path, store));
      }
    }
    return all;
  }

  /** A fresh Cachalot on this store that decorates along {@code path}. */
  Opened open(DecoratorPath path) {
    Cachalot.Builder builder =
        Cachalot.builder().useGeneratedDecorators(path == DecoratorPath.GENERATED);
    if (this == MEMORY) {
      return new Opened(builder.build(), null);
    }
    String namespace = TestRedis.namespace();
    RedisStore store = TestRedis.store(namespace);
    return new Opened(
        builder.store(this == REDIS_NEAR ? store.withNearCache() : store).build(), namespace);
  }

  /** A Cachalot of a test, and the Redis namespace it writes in (null in process). */
  record Opened(Cachalot cachalot, String namespace) implements AutoCloseable {

    /**
     * Checks that the namespace holds nothing but the store's own keys, closes the Cachalot and
     * deletes the namespace.
     */
    @Override
    public void close() {
      try {
        if (namespace != null) {
          TestRedis.assertOnlyCacheKeys(namespace);
        }
      } finally {
        cachalot.close();
        if (namespace != null) {
          TestRedis.deleteNamespace(namespace);
        }
      }
    }
  }
}
