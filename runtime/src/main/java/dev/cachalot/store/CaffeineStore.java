package dev.cachalot.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.cachalot.CacheSpec;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * The in-process store, the default of {@code Cachalot.inMemory()}: one Caffeine cache per named
 * cache, with an expiry per entry (the TTL the engine passes to {@link StoreCache#put}).
 *
 * <p>Thread-safe; no operation blocks on I/O.
 */
public final class CaffeineStore implements Store {

  private final long maximumSize;
  private final LongSupplier ticker;
  private final Executor executor;
  private final Set<Cache<?, ?>> opened = ConcurrentHashMap.newKeySet();

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
    Caffeine<Object, Entry> builder =
        Caffeine.newBuilder()
            .ticker(ticker::getAsLong)
            .executor(executor)
            .expireAfter(new TtlExpiry());
    if (maximumSize >= 0) {
      builder.maximumSize(maximumSize);
    }
    Cache<K, Entry> cache = builder.build();
    opened.add(cache);
    return new CaffeineStoreCache<>(cache);
  }

  /** Empties every cache this store opened. */
  @Override
  public void close() {
    for (Cache<?, ?> cache : opened) {
      cache.invalidateAll();
      cache.cleanUp();
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
    private LongSupplier ticker = System::nanoTime;
    // Caffeine's maintenance (draining its buffers, expiring entries) is cheap when amortized over
    // the calls that trigger it; handing it to a pool instead wakes a parked pool thread, which
    // costs a futex syscall of microseconds on a write or a miss after an idle moment.
    private Executor executor = Runnable::run;

    private Builder() {}

    /**
     * Where Caffeine runs its maintenance; by default on the calling thread, amortized over the
     * reads and writes that trigger it. Pass {@code ForkJoinPool.commonPool()} to move it off the
     * callers, at the price of waking a pool thread.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The most entries each cache holds; by default unbounded (only TTLs remove entries). */
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

  /** A stored value (or {@link StoreCache#ABSENT}) with its time to live in nanoseconds. */
  private record Entry(Object value, long ttlNanos) {}

  private static final class TtlExpiry implements Expiry<Object, Entry> {
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

  private static final class CaffeineStoreCache<K, V> implements StoreCache<K, V> {
    private final Cache<K, Entry> cache;

    CaffeineStoreCache(Cache<K, Entry> cache) {
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
    }

    private static long saturatedNanos(Duration ttl) {
      try {
        return ttl.toNanos();
      } catch (ArithmeticException e) {
        return Long.MAX_VALUE;
      }
    }
  }
}
