package dev.cachalot.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachalot.CacheSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/*
 * Design note: a hit that costs what a Caffeine hit costs.
 *
 * A cache's entries all live the same TTL unless the Cachalot jitters TTLs, and remembered
 * absences live the cache's negativeTtl. So a cache without jitter is stored as Caffeine stores
 * any expire-after-write cache: the values in one Caffeine cache with expireAfterWrite(ttl) (or no
 * expiry), as they are (no wrapper to unwrap on a hit), and the absences, when the cache remembers
 * them, in a second Caffeine cache with expireAfterWrite(negativeTtl), looked into only after the
 * first missed. A hit then is one getIfPresent of a fixed-expiry cache, which in an unbounded
 * Caffeine cache goes through no read buffer and runs no maintenance: the same work as the
 * hand-written decorator's. (A variable Expiry makes every read record itself in Caffeine's read
 * buffer and drain it on the calling thread: the profile in docs/PERFORMANCE.md shows that as most
 * of the old hit's cost.)
 *
 * With TTL jitter each entry has a TTL of its own, and the cache keeps the variable Expiry (an
 * entry carries its TTL); the jitter costs that on every read. The engine opens the entries again
 * when a later declaration changes the cache's TTLs, so a layout never has to change its TTL.
 */

/**
 * The in-process store, the default of {@code Cachalot.inMemory()}: Caffeine caches, each expiring
 * its entries the TTL of the cache after they were written (or the TTL each entry was put with,
 * when the Cachalot jitters TTLs).
 *
 * <p>Thread-safe; no operation blocks on I/O.
 */
public final class CaffeineStore implements Store {

  /** The default time source, for which Caffeine's own system ticker is used as it is. */
  private static final LongSupplier SYSTEM_TIME = System::nanoTime;

  private final long maximumSize;
  private final LongSupplier ticker;
  private final Executor executor;
  private final Map<String, StoreCache<?, ?>> opened = new ConcurrentHashMap<>();

  private CaffeineStore(Builder builder) {
    this.maximumSize = builder.maximumSize;
    this.ticker = builder.ticker;
    this.executor = builder.executor;
  }

  /** A store whose caches are bounded only by their TTLs. */
  public static CaffeineStore create() {
    return builder().build();
  }

  /** A store whose caches hold at most {@code maximumSize} entries each (least useful go first). */
  public static CaffeineStore maximumSize(long maximumSize) {
    return builder().maximumSize(maximumSize).build();
  }

  /** Starts configuring a store. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public <K, V> StoreCache<K, V> open(CacheSpec spec) {
    Duration ttl = spec.ttl().orElse(null);
    Duration negativeTtl = spec.negativeTtl().orElse(null);
    StoreCache<K, V> cache =
        spec.ttlJitter() > 0 && (ttl != null || negativeTtl != null)
            ? new JitteredTtls<>(caffeine().expireAfter(new EntryTtl()).build())
            : new FixedTtls<>(fixed(ttl), negativeTtl == null ? null : fixed(negativeTtl));
    opened.put(spec.name(), cache);
    return cache;
  }

  private Caffeine<Object, Object> caffeine() {
    Caffeine<Object, Object> builder =
        Caffeine.newBuilder()
            .ticker(ticker == SYSTEM_TIME ? Ticker.systemTicker() : ticker::getAsLong)
            .executor(executor);
    if (maximumSize >= 0) {
      builder.maximumSize(maximumSize);
    }
    return builder;
  }

  private <K> Cache<K, Object> fixed(Duration ttl) {
    Caffeine<Object, Object> builder = caffeine();
    if (ttl != null) {
      builder.expireAfterWrite(ttl);
    }
    return builder.build();
  }

  /** Empties every cache this store opened. */
  @Override
  public void close() {
    for (StoreCache<?, ?> cache : opened.values()) {
      cache.clear();
    }
    opened.clear();
  }

  @Override
  public String toString() {
    return "CaffeineStore" + (maximumSize >= 0 ? "(maximumSize " + maximumSize + ")" : "");
  }

  /** Configures a {@link CaffeineStore}. Not thread-safe. */
  public static final class Builder {
    private long maximumSize = -1;
    private LongSupplier ticker = SYSTEM_TIME;
    // Caffeine's maintenance (draining its buffers, expiring entries) is cheap when amortized over
    // the calls that trigger it; handing it to a pool instead wakes a parked pool thread, which
    // costs a futex syscall of microseconds on a write or a miss after an idle moment. An
    // unbounded fixed-expiry cache runs none on a read.
    private Executor executor = Runnable::run;

    private Builder() {}

    /**
     * Where Caffeine runs its maintenance; by default on the calling thread, amortized over the
     * writes (and, in bounded or jittered caches, the reads) that trigger it. Pass {@code
     * ForkJoinPool.commonPool()} to move it off the callers, at the price of waking a pool thread.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The most entries each cache holds (its values, and apart from them its remembered absences);
     * by default unbounded (only TTLs remove entries). A bounded cache records reads to choose what
     * to evict, which costs a little on every hit.
     */
    public Builder maximumSize(long maximumSize) {
      if (maximumSize < 0) {
        throw new IllegalArgumentException("maximumSize must not be negative: " + maximumSize);
      }
      this.maximumSize = maximumSize;
      return this;
    }

    /**
     * The time source of the TTLs, in nanoseconds as {@link System#nanoTime()} counts them (the
     * default); tests and simulations pass a clock they control. Must be thread-safe and monotonic.
     */
    public Builder ticker(LongSupplier ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /** Returns the store. */
    public CaffeineStore build() {
      return new CaffeineStore(this);
    }
  }

  /**
   * A cache whose values all live one TTL and whose absences all live another: values as they are
   * in one fixed-expiry Caffeine cache, absences in a second one, or none when the cache does not
   * remember absences. The TTL passed to {@link #put} is the cache's (the engine jitters nothing
   * here) and is not needed.
   */
  private static final class FixedTtls<K, V> implements StoreCache<K, V> {
    private final Cache<K, Object> values;
    private final Cache<K, Object> absences;

    FixedTtls(Cache<K, Object> values, Cache<K, Object> absences) {
      this.values = values;
      this.absences = absences;
    }

    @Override
    public Object get(K key) {
      Object value = values.getIfPresent(key);
      if (value != null || absences == null) {
        return value;
      }
      return absences.getIfPresent(key);
    }

    @Override
    public void put(K key, Object value, Duration ttl) {
      Objects.requireNonNull(value, "value");
      if (value == ABSENT) {
        if (absences != null) {
          absences.put(key, ABSENT);
          values.invalidate(key);
        }
        return;
      }
      values.put(key, value);
      if (absences != null) {
        absences.invalidate(key);
      }
    }

    @Override
    public void remove(K key) {
      values.invalidate(key);
      if (absences != null) {
        absences.invalidate(key);
      }
    }

    @Override
    public void clear() {
      values.invalidateAll();
      values.cleanUp();
      if (absences != null) {
        absences.invalidateAll();
        absences.cleanUp();
      }
    }
  }

  /** A cache whose entries each carry the TTL they were put with (the Cachalot jitters TTLs). */
  private static final class JitteredTtls<K, V> implements StoreCache<K, V> {
    private final Cache<K, Entry> cache;

    JitteredTtls(Cache<K, Entry> cache) {
      this.cache = cache;
    }

    @Override
    public Object get(K key) {
      Entry entry = cache.getIfPresent(key);
      return entry == null ? null : entry.value();
    }

    @Override
    public void put(K key, Object value, Duration ttl) {
      Objects.requireNonNull(value, "value");
      cache.put(key, new Entry(value, ttl == null ? Long.MAX_VALUE : saturatedNanos(ttl)));
    }

    @Override
    public void remove(K key) {
      cache.invalidate(key);
    }

    @Override
    public void clear() {
      cache.invalidateAll();
      cache.cleanUp();
    }

    private static long saturatedNanos(Duration ttl) {
      try {
        return ttl.toNanos();
      } catch (ArithmeticException e) {
        return Long.MAX_VALUE;
      }
    }
  }

  /** A stored value (or {@link StoreCache#ABSENT}) with its time to live in nanoseconds. */
  private record Entry(Object value, long ttlNanos) {}

  /** Expires an entry the TTL it was put with after it was put; reads change nothing. */
  private static final class EntryTtl implements Expiry<Object, Entry> {
    @Override
    public long expireAfterCreate(Object key, Entry entry, long currentTime) {
      return entry.ttlNanos();
    }

    @Override
    public long expireAfterUpdate(Object key, Entry entry, long currentTime, long currentDuration) {
      return entry.ttlNanos();
    }

    @Override
    public long expireAfterRead(Object key, Entry entry, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
