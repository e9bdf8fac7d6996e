package dev.cachalot.micrometer;

import dev.cachalot.CacheSpec;
import dev.cachalot.store.CaffeineStore;
import dev.cachalot.store.Store;
import dev.cachalot.store.StoreCache;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store that keeps its entries in a {@link CaffeineStore} and reports, for every cache, the
 * statistics a test sets, as a distributed store reports its tiers.
 */
final class ReportingStore implements Store {
  private final CaffeineStore entries = CaffeineStore.create();

  /** What every cache reports; tests change it. */
  final Map<String, Long> statistics = new ConcurrentHashMap<>();

  @Override
  public <K, V> StoreCache<K, V> open(CacheSpec spec) {
    StoreCache<K, V> cache = entries.open(spec);
    return new StoreCache<>() {
      @Override
      public Object get(K key) {
        return cache.get(key);
      }

      @Override
      public void put(K key, Object value, Duration ttl) {
        cache.put(key, value, ttl);
      }

      @Override
      public void remove(K key) {
        cache.remove(key);
      }

      @Override
      public void clear() {
        cache.clear();
      }

      @Override
      public Map<String, Long> statistics() {
        return Map.copyOf(statistics);
      }
    };
  }

  @Override
  public void close() {
    entries.close();
  }
}
