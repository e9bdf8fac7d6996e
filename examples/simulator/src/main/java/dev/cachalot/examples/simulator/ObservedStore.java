package dev.cachalot.examples.simulator;

import dev.cachalot.CacheSpec;
import dev.cachalot.store.Lease;
import dev.cachalot.store.Store;
import dev.cachalot.store.StoreCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The store of the simulator's Cachalot: a real {@link Store} (the in-process Caffeine store, on
 * the simulator's clock) that this wrapper makes slower by the simulated network {@link Latency},
 * and watches, so that the page can show what each cache holds and how long each entry has left.
 * Every call reaches the wrapped store; nothing here decides what a cache holds.
 *
 * <p>Thread-safe, as the wrapped store is.
 */
final class ObservedStore implements Store {

  /** An entry the page shows: its key, its value, and its time left (null: no expiry). */
  record Entry(String key, Object value, Long ttlLeftMillis) {}

  private final Store store;
  private final Latency latency;
  private final LongSupplier clock;
  private final Map<String, ObservedCache<?, ?>> caches = new ConcurrentHashMap<>();

  /**
   * Wraps {@code store}, whose TTLs run on {@code clock} (the ticker it was built with), slowing it
   * by {@code latency}.
   */
  ObservedStore(Store store, Latency latency, LongSupplier clock) {
    this.store = store;
    this.latency = latency;
    this.clock = clock;
  }

  @Override
  public <K, V> StoreCache<K, V> open(CacheSpec spec) {
    ObservedCache<K, V> cache = new ObservedCache<>(spec.name(), store.open(spec));
    caches.put(spec.name(), cache);
    return cache;
  }

  @Override
  public void close() {
    store.close();
  }

  /** What the cache {@code name} holds now, by key; empty before the cache is opened. */
  List<Entry> entries(String name) {
    ObservedCache<?, ?> cache = caches.get(name);
    return cache == null ? List.of() : cache.entries();
  }

  @Override
  public String toString() {
    return store + " behind a simulated network";
  }

  /** One cache: every call goes to the wrapped cache, after its simulated latency. */
  private final class ObservedCache<K, V> implements StoreCache<K, V> {
    private final String name;
    private final StoreCache<K, V> cache;

    /** When each key that was put expires on {@link #clock}: the page's TTL column. */
    private final Map<K, Long> expiries = new ConcurrentHashMap<>();

    ObservedCache(String name, StoreCache<K, V> cache) {
      this.name = name;
      this.cache = cache;
    }

    @Override
    public Object get(K key) {
      long start = System.nanoTime();
      latency.pause(Latency.Kind.CACHE_GET);
      Object value = cache.get(key);
      noted(key, "GET", start);
      return value;
    }

    @Override
    public void put(K key, Object value, Duration ttl) {
      long start = System.nanoTime();
      latency.pause(Latency.Kind.CACHE_SET);
      cache.put(key, value, ttl);
      expiries.put(key, expiry(ttl));
      noted(key, "SET", start);
    }

    @Override
    public void remove(K key) {
      long start = System.nanoTime();
      latency.pause(Latency.Kind.CACHE_DELETE);
      cache.remove(key);
      expiries.remove(key);
      noted(key, "DEL", start);
    }

    @Override
    public void clear() {
      latency.pause(Latency.Kind.CACHE_DELETE);
      cache.clear();
      expiries.clear();
    }

    @Override
    public Lease lease(K key) {
      return cache.lease(key);
    }

    @Override
    public boolean fill(K key, Object value, Duration ttl, Lease.Granted lease) {
      long start = System.nanoTime();
      latency.pause(Latency.Kind.CACHE_SET);
      boolean filled = cache.fill(key, value, ttl, lease);
      if (filled) {
        expiries.put(key, expiry(ttl));
      }
      noted(key, "SET", start);
      return filled;
    }

    @Override
    public Object beginWrite(K key) {
      return cache.beginWrite(key);
    }

    @Override
    public void completeWrite(K key, Object value, Duration ttl, Object token) {
      long start = System.nanoTime();
      latency.pause(value == null ? Latency.Kind.CACHE_DELETE : Latency.Kind.CACHE_SET);
      cache.completeWrite(key, value, ttl, token);
      if (value == null) {
        expiries.remove(key);
      } else {
        expiries.put(key, expiry(ttl));
      }
      noted(key, value == null ? "DEL" : "SET", start);
    }

    @Override
    public void abortWrite(K key, Object token) {
      long start = System.nanoTime();
      latency.pause(Latency.Kind.CACHE_DELETE);
      cache.abortWrite(key, token);
      expiries.remove(key);
      noted(key, "DEL", start);
    }

    @Override
    public Map<String, Long> statistics() {
      return cache.statistics();
    }

    private long expiry(Duration ttl) {
      return ttl == null ? Long.MAX_VALUE : clock.getAsLong() + ttl.toNanos();
    }

    private void noted(K key, String operation, long start) {
      long took = System.nanoTime() - start;
      StepNotes.note(name, key, operation, took);
    }

    /** The entries the wrapped cache still holds (it drops expired ones), with their time left. */
    List<Entry> entries() {
      List<Entry> entries = new ArrayList<>();
      long now = clock.getAsLong();
      for (Map.Entry<K, Long> tracked : List.copyOf(expiries.entrySet())) {
        Object value = cache.get(tracked.getKey());
        if (value == null) {
          expiries.remove(tracked.getKey(), tracked.getValue());
          continue;
        }
        long expiry = tracked.getValue();
        Long left = expiry == Long.MAX_VALUE ? null : Math.max(0, (expiry - now) / 1_000_000);
        entries.add(
            new Entry(String.valueOf(tracked.getKey()), value == ABSENT ? null : value, left));
      }
      entries.sort(Comparator.comparing(Entry::key));
      return entries;
    }
  }
}
