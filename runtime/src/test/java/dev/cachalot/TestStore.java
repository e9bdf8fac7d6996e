package dev.cachalot;

import dev.cachalot.store.CaffeineStore;
import dev.cachalot.store.Store;
import dev.cachalot.store.StoreCache;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * A {@link CaffeineStore} that keeps the caches it opened, for tests that look at the stored
 * entries directly, and whose puts can be made to pass a {@link Gate} or to fail.
 */
final class TestStore implements Store {
  private final CaffeineStore delegate;
  private final Map<String, StoreCache<?, ?>> opened = new ConcurrentHashMap<>();

  /** Puts for which this holds pass {@link #putGate} first. */
  volatile BiPredicate<Object, Object> pausePut = (key, value) -> false;

  volatile Gate putGate;

  /** Puts for which this holds throw {@link StoreFailure} (after passing the gate, if paused). */
  volatile BiPredicate<Object, Object> failPut = (key, value) -> false;

  TestStore() {
    this(CaffeineStore.create());
  }

  TestStore(CaffeineStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public <K, V> StoreCache<K, V> open(CacheSpec spec) {
    StoreCache<K, V> cache = delegate.open(spec);
    StoreCache<K, V> wrapped =
        new StoreCache<>() {
          @Override
          public Object get(K key) {
            return cache.get(key);
          }

          @Override
          public void put(K key, Object value, Duration ttl) {
            if (pausePut.test(key, value)) {
              putGate.pass();
            }
            if (failPut.test(key, value)) {
              throw new StoreFailure("the store is down");
            }
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
        };
    opened.put(spec.name(), cache);
    return wrapped;
  }

  /**
   * The entry of {@code key} in cache {@code name}, read past the engine: a value, ABSENT or null.
   */
  @SuppressWarnings("unchecked") // the tests know the key types of their caches
  <K> Object entry(String name, K key) {
    StoreCache<K, ?> cache = (StoreCache<K, ?>) opened.get(name);
    return cache == null ? null : cache.get(key);
  }

  @Override
  public void close() {
    delegate.close();
  }

  /** What the store throws when told to fail. */
  static final class StoreFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreFailure(String message) {
      super(message);
    }
  }
}
