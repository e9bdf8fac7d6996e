package dev.cachalot.micrometer;

import dev.cachalot.Cachalot;
import dev.cachalot.CacheHandle;
import dev.cachalot.CacheStats;
import dev.cachalot.annotations.Strategy;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Binds the meters of every cache of a {@link Cachalot} to a {@link MeterRegistry}: the caches it
 * has when {@link #bindTo} is called and every cache it creates afterwards (a cache is created when
 * the first decorator that declares it is).
 *
 * <pre>{@code
 * Cachalot cachalot = Cachalot.inMemory();
 * new CachalotMetrics(cachalot).bindTo(registry);
 * }</pre>
 *
 * <p>Every meter is tagged {@code cache} (the cache's name) and {@code strategy} ({@code
 * CACHE_ASIDE}, {@code WRITE_THROUGH} or {@code WRITE_BEHIND}), plus the tags given here. The
 * meters Micrometer's cache binders register ({@code CacheMeterBinder}, {@code
 * CaffeineCacheMetrics}) have the same names, tags and meaning, so that dashboards made for them
 * show Cachalot's caches too:
 *
 * <table>
 *   <caption>Micrometer's cache meters</caption>
 *   <tr><th>meter</th><th>type</th><th>what it counts</th></tr>
 *   <tr><td>{@code cache.gets{result=hit}}</td><td>function counter</td><td>reads that found a
 *       value, a remembered absence or a pending write-behind write</td></tr>
 *   <tr><td>{@code cache.gets{result=miss}}</td><td>function counter</td><td>reads that found
 *       nothing and loaded (or waited for another caller's load)</td></tr>
 *   <tr><td>{@code cache.puts}</td><td>function counter</td><td>values the cache took in: loads
 *       that returned, less the fills rejected as stale, plus, for write-through and
 *       write-behind, the writes (cache-aside writes invalidate instead)</td></tr>
 *   <tr><td>{@code cache.load{result=success|failure}}</td><td>function counter</td><td>loader
 *       calls that returned or threw</td></tr>
 *   <tr><td>{@code cache.load.duration}</td><td>time gauge</td><td>the time spent in loader
 *       calls, in total (as Caffeine's binder reports it)</td></tr>
 *   <tr><td>{@code cache.size}, {@code cache.evictions}</td><td>gauge, function counter</td><td>
 *       only when the store reports {@code size} and {@code evictions} in its {@linkplain
 *       CacheHandle#storeStatistics() statistics}; Cachalot's in-process store reports
 *       neither</td></tr>
 * </table>
 *
 * <p>And what only Cachalot knows:
 *
 * <table>
 *   <caption>Cachalot's meters</caption>
 *   <tr><th>meter</th><th>type</th><th>what it counts</th></tr>
 *   <tr><td>{@code cache.fills.rejected}</td><td>function counter</td><td>loaded values not
 *       cached because the key was written or invalidated while they loaded (stale
 *       fills)</td></tr>
 *   <tr><td>{@code cache.writes}, {@code cache.deletes}</td><td>function counter</td><td>writes
 *       and deletes that succeeded (for write-behind: that were accepted)</td></tr>
 *   <tr><td>{@code cache.writes.pending}</td><td>gauge</td><td>write-behind writes and deletes
 *       not yet in the database</td></tr>
 *   <tr><td>{@code cache.flush.duration}</td><td>function timer</td><td>write-behind flushes that
 *       found writes to write, and the time they took</td></tr>
 *   <tr><td>{@code cache.flush.calls{result=success|failure}}</td><td>function counter</td><td>
 *       write-behind database calls (one write or one batch) that returned or threw; a failure
 *       is a failed flush attempt</td></tr>
 *   <tr><td>{@code cache.flush.writes}</td><td>function counter</td><td>write-behind writes and
 *       deletes that reached the database; divided by {@code cache.flush.calls{result=success}},
 *       the mean batch size</td></tr>
 *   <tr><td>{@code cache.writes.still.failing}</td><td>gauge</td><td>pending write-behind writes
 *       whose last attempts failed at least {@code stillFailingAfter} times in a row</td></tr>
 *   <tr><td>{@code cache.writes.abandoned}</td><td>function counter</td><td>write-behind writes
 *       that {@code Cachalot.close()} gave up</td></tr>
 *   <tr><td>{@code cache.writes.recovered}, {@code cache.writes.taken.over}, {@code
 *       cache.writes.dead.lettered}</td><td>function counter</td><td>write-behind writes found in
 *       the cache's durable log at start, taken over from a process that died, and moved to the
 *       log's dead letters after too many failed deliveries</td></tr>
 *   <tr><td>{@code cache.store.hits{tier=near|remote}}, {@code cache.store.round.trips}, {@code
 *       cache.store.decode.failures}, {@code cache.store.breaker.open}</td><td>function
 *       counter, gauge</td><td>what a distributed store reports as {@code near.hits}, {@code
 *       remote.hits}, {@code remote.roundTrips}, {@code decode.failures} and {@code
 *       breaker.open} (1 while open); only when it reports them</td></tr>
 * </table>
 *
 * <p>The write-behind meters are registered for write-behind caches only, and a store's meters only
 * for the statistics the store reports when the cache is bound. Every meter reads {@link
 * CacheHandle#stats()} (cumulative counters, cheap to read) when the registry polls it; nothing is
 * counted on the caches' paths.
 *
 * <p>The binder keeps the {@link Cachalot} only weakly, and the meters keep the caches only weakly
 * (as Micrometer's function meters do), so binding does not keep a Cachalot alive: once it is
 * unreachable and collected, its gauges report {@code NaN} and its counters their last counts. The
 * meters of a closed Cachalot that is still reachable keep reporting its final counts.
 *
 * <p>Thread-safe: it may be bound to several registries, from any thread.
 */
public final class CachalotMetrics implements MeterBinder {

  private final WeakReference<Cachalot> cachalot;
  private final Tags tags;

  /** A binder of the meters of {@code cachalot}'s caches, with no tags besides their own. */
  public CachalotMetrics(Cachalot cachalot) {
    this(cachalot, Tags.empty());
  }

  /** A binder of the meters of {@code cachalot}'s caches, each tagged with {@code tags} too. */
  public CachalotMetrics(Cachalot cachalot, Iterable<Tag> tags) {
    this.cachalot = new WeakReference<>(Objects.requireNonNull(cachalot, "cachalot"));
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
  }

  /**
   * Binds the meters of {@code cachalot}'s caches to {@code registry}, tagged with {@code tags}
   * (key/value pairs) too; returns {@code cachalot}.
   */
  public static Cachalot monitor(MeterRegistry registry, Cachalot cachalot, String... tags) {
    return monitor(registry, cachalot, Tags.of(tags));
  }

  /**
   * Binds the meters of {@code cachalot}'s caches to {@code registry}; returns {@code cachalot}.
   */
  public static Cachalot monitor(MeterRegistry registry, Cachalot cachalot, Iterable<Tag> tags) {
    new CachalotMetrics(cachalot, tags).bindTo(registry);
    return cachalot;
  }

  /**
   * Registers the meters of every cache the {@link Cachalot} has now, and of every cache it creates
   * later, with {@code registry}. Does nothing when the Cachalot is no longer reachable.
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    Cachalot target = cachalot.get();
    if (target == null) {
      return;
    }
    Tags common = tags;
    // The action is held by the Cachalot (so it lives as long as the Cachalot does); it captures
    // the registry and the tags, not the binder nor the Cachalot.
    target.onCacheCreated(handle -> bindCache(registry, handle, common));
  }

  /** Registers the meters of one cache. */
  static void bindCache(MeterRegistry registry, CacheHandle cache, Tags common) {
    Tags tags = common.and("cache", cache.name(), "strategy", cache.strategy().name());
    String gets =
        "The number of times cache lookup methods have returned a cached (hit) or uncached (newly"
            + " loaded or null) value (miss).";
    counter(registry, "cache.gets", tags.and("result", "hit"), gets, cache, CacheStats::hits);
    counter(registry, "cache.gets", tags.and("result", "miss"), gets, cache, CacheStats::misses);
    FunctionCounter.builder("cache.puts", cache, CachalotMetrics::puts)
        .tags(tags)
        .description("The number of entries added to the cache")
        .register(registry);
    String load =
        "The number of times cache lookup methods have successfully loaded a new value or failed to"
            + " load a new value, either because no value was found or an exception was thrown"
            + " while loading";
    counter(registry, "cache.load", tags.and("result", "success"), load, cache, CacheStats::loads);
    counter(
        registry,
        "cache.load",
        tags.and("result", "failure"),
        load,
        cache,
        CacheStats::loadFailures);
    TimeGauge.builder(
            "cache.load.duration", cache, TimeUnit.NANOSECONDS, c -> c.stats().totalLoadTimeNanos())
        .tags(tags)
        .description("The time the cache has spent loading new values")
        .register(registry);
    counter(
        registry,
        "cache.fills.rejected",
        tags,
        "The number of loaded values not cached because the key was written or invalidated while"
            + " they loaded (stale fills)",
        cache,
        CacheStats::staleFillsRejected);
    counter(
        registry,
        "cache.writes",
        tags,
        "The number of writes that succeeded (for write-behind: that were accepted)",
        cache,
        CacheStats::writes);
    counter(
        registry,
        "cache.deletes",
        tags,
        "The number of deletes that succeeded (for write-behind: that were accepted)",
        cache,
        CacheStats::deletes);
    if (cache.strategy() == Strategy.WRITE_BEHIND) {
      bindWriteBehind(registry, cache, tags);
    }
    bindStore(registry, cache, tags);
  }

  private static void bindWriteBehind(MeterRegistry registry, CacheHandle cache, Tags tags) {
    Gauge.builder("cache.writes.pending", cache, CacheHandle::pendingWrites)
        .tags(tags)
        .description("The number of write-behind writes and deletes not yet in the database")
        .register(registry);
    FunctionTimer.builder(
            "cache.flush.duration",
            cache,
            c -> c.stats().flushes(),
            c -> c.stats().totalFlushTimeNanos(),
            TimeUnit.NANOSECONDS)
        .tags(tags)
        .description("The write-behind flushes that found writes to write, and their duration")
        .register(registry);
    String calls =
        "The number of write-behind database calls (one write or one batch) that succeeded or"
            + " failed";
    counter(
        registry,
        "cache.flush.calls",
        tags.and("result", "success"),
        calls,
        cache,
        CacheStats::flushCalls);
    counter(
        registry,
        "cache.flush.calls",
        tags.and("result", "failure"),
        calls,
        cache,
        CacheStats::failedFlushAttempts);
    counter(
        registry,
        "cache.flush.writes",
        tags,
        "The number of write-behind writes and deletes that reached the database",
        cache,
        CacheStats::flushedWrites);
    gauge(
        registry,
        "cache.writes.still.failing",
        tags,
        "The number of pending write-behind writes whose last attempts failed at least"
            + " stillFailingAfter times in a row",
        cache,
        c -> c.stats().writesStillFailing());
    counter(
        registry,
        "cache.writes.abandoned",
        tags,
        "The number of write-behind writes that closing the Cachalot gave up",
        cache,
        CacheStats::abandonedWrites);
    counter(
        registry,
        "cache.writes.recovered",
        tags,
        "The number of write-behind writes found in the durable log when the cache was created",
        cache,
        CacheStats::recoveredWrites);
    counter(
        registry,
        "cache.writes.taken.over",
        tags,
        "The number of write-behind writes taken over from a process that died before writing them",
        cache,
        CacheStats::takenOverWrites);
    counter(
        registry,
        "cache.writes.dead.lettered",
        tags,
        "The number of write-behind writes moved to the durable log's dead letters",
        cache,
        CacheStats::deadLetteredWrites);
  }

  /** The meters of what the store reports, for the statistics it reports now. */
  private static void bindStore(MeterRegistry registry, CacheHandle cache, Tags tags) {
    Map<String, Long> reported = cache.storeStatistics();
    if (reported.containsKey("size")) {
      gauge(
          registry,
          "cache.size",
          tags,
          "The number of entries in this cache. This may be an approximation, depending on the"
              + " type of cache.",
          cache,
          c -> storeStatistic(c, "size"));
    }
    if (reported.containsKey("evictions")) {
      storeCounter(
          registry,
          "cache.evictions",
          tags,
          "The number of times the cache was evicted.",
          cache,
          "evictions");
    }
    String hits = "The number of hits a tier of the store served";
    if (reported.containsKey("near.hits")) {
      storeCounter(
          registry, "cache.store.hits", tags.and("tier", "near"), hits, cache, "near.hits");
    }
    if (reported.containsKey("remote.hits")) {
      storeCounter(
          registry, "cache.store.hits", tags.and("tier", "remote"), hits, cache, "remote.hits");
    }
    if (reported.containsKey("remote.roundTrips")) {
      storeCounter(
          registry,
          "cache.store.round.trips",
          tags,
          "The number of round trips to the remote store",
          cache,
          "remote.roundTrips");
    }
    if (reported.containsKey("decode.failures")) {
      storeCounter(
          registry,
          "cache.store.decode.failures",
          tags,
          "The number of entries in the store that could not be decoded (read as misses)",
          cache,
          "decode.failures");
    }
    if (reported.containsKey("breaker.open")) {
      gauge(
          registry,
          "cache.store.breaker.open",
          tags,
          "1 while the store's circuit breaker is open (the store is bypassed), else 0",
          cache,
          c -> storeStatistic(c, "breaker.open"));
    }
  }

  /** Puts as Micrometer means them: values that went into the cache. */
  private static double puts(CacheHandle cache) {
    CacheStats stats = cache.stats();
    long fills = stats.loads() - stats.staleFillsRejected();
    // A cache-aside write invalidates its key; write-through and write-behind put what they write.
    return cache.strategy() == Strategy.CACHE_ASIDE ? fills : fills + stats.writes();
  }

  private static void counter(
      MeterRegistry registry,
      String name,
      Tags tags,
      String description,
      CacheHandle cache,
      ToLongFunction<CacheStats> count) {
    FunctionCounter.builder(name, cache, c -> count.applyAsLong(c.stats()))
        .tags(tags)
        .description(description)
        .register(registry);
  }

  private static void storeCounter(
      MeterRegistry registry,
      String name,
      Tags tags,
      String description,
      CacheHandle cache,
      String statistic) {
    FunctionCounter.builder(name, cache, c -> storeStatistic(c, statistic))
        .tags(tags)
        .description(description)
        .register(registry);
  }

  private static void gauge(
      MeterRegistry registry,
      String name,
      Tags tags,
      String description,
      CacheHandle cache,
      ToDoubleFunction<CacheHandle> value) {
    Gauge.builder(name, cache, value).tags(tags).description(description).register(registry);
  }

  private static double storeStatistic(CacheHandle cache, String statistic) {
    Long value = cache.storeStatistics().get(statistic);
    return value == null ? Double.NaN : value;
  }
}
