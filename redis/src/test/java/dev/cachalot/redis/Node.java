package dev.cachalot.redis;

import dev.cachalot.Cachalot;
import dev.cachalot.CacheHandle;
import java.util.Map;

/**
 * One node of a test: a Cachalot on a RedisStore of its own (one per node, as in production), over
 * the shared {@link Database}, with the test DAOs decorated.
 */
final class Node implements AutoCloseable {
  final RedisStore store;
  final Cachalot cachalot;
  final Database.Dao database;
  final CatalogDao catalog;
  final PriceDao prices;

  Node(RedisStore store, Database database) {
    this.store = store;
    this.cachalot = Cachalot.builder().store(store).build();
    this.database = database.dao();
    this.catalog = cachalot.decorate(CatalogDao.class, this.database);
    this.prices = cachalot.decorate(PriceDao.class, this.database);
  }

  CacheHandle cache(String name) {
    return cachalot.cache(name);
  }

  /** What the store counts of cache {@code name}. */
  Map<String, Long> stats(String name) {
    return cachalot.cache(name).storeStatistics();
  }

  long stat(String cache, String counter) {
    Long value = stats(cache).get(counter);
    if (value == null) {
      throw new AssertionError("cache '" + cache + "' counts no " + counter + ": " + stats(cache));
    }
    return value;
  }

  /** This node's id, as its invalidation messages carry it. */
  String id() {
    return store.node().id;
  }

  @Override
  public void close() {
    cachalot.close();
  }
}
