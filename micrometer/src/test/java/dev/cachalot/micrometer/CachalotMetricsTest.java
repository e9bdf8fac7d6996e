package dev.cachalot.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cachalot.Cachalot;
import dev.cachalot.WriteBehindException;
import dev.cachalot.micrometer.Daos.Db;
import dev.cachalot.micrometer.Daos.Event;
import dev.cachalot.micrometer.Daos.EventDao;
import dev.cachalot.micrometer.Daos.Product;
import dev.cachalot.micrometer.Daos.ProductDao;
import dev.cachalot.micrometer.Daos.Session;
import dev.cachalot.micrometer.Daos.SessionDao;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachalotMetricsTest {

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final Db db = new Db();
  private Cachalot cachalot;

  @AfterEach
  void close() {
    if (cachalot != null) {
      db.failing = false;
      cachalot.close();
    }
  }

  private Cachalot cachalot(Cachalot.Builder builder) {
    cachalot =
        builder
            .requireGenerated(true)
            // No retry runs by itself while a test counts: only the test's flush() calls write.
            .retryBackoff(Duration.ofHours(1), Duration.ofHours(1))
            .build();
    return cachalot;
  }

  private double count(String name, String cache, String... tags) {
    return registry.get(name).tag("cache", cache).tags(tags).functionCounter().count();
  }

  private double gauge(String name, String cache) {
    return registry.get(name).tag("cache", cache).gauge().value();
  }

  private TreeSet<String> meterNames(String cache) {
    TreeSet<String> names = new TreeSet<>();
    for (Meter meter : registry.getMeters()) {
      if (cache.equals(meter.getId().getTag("cache"))) {
        names.add(meter.getId().getName());
      }
    }
    return names;
  }

  @Test
  void cacheAsideMetersCountGetsLoadsAndPutsAsMicrometerNamesThem() {
    Cachalot cachalot = cachalot(Cachalot.builder());
    ProductDao products = cachalot.decorate(ProductDao.class, db);
    new CachalotMetrics(cachalot).bindTo(registry);
    db.products.put(1L, new Product(1, "anchor"));

    products.find(1); // miss, load, put
    products.find(1); // hit
    products.find(1); // hit
    products.find(2); // miss, load of an absence, remembered (negativeTtl): a put
    products.save(new Product(1, "anchor, large")); // write, invalidates 1
    products.find(1); // miss, load, put
    assertThatThrownBy(() -> products.find(-1)).isInstanceOf(IllegalArgumentException.class);

    assertThat(count("cache.gets", "products", "result", "hit")).isEqualTo(2);
    assertThat(count("cache.gets", "products", "result", "miss")).isEqualTo(4);
    assertThat(count("cache.load", "products", "result", "success")).isEqualTo(3);
    assertThat(count("cache.load", "products", "result", "failure")).isEqualTo(1);
    assertThat(count("cache.puts", "products")).isEqualTo(3); // a cache-aside write puts nothing
    assertThat(count("cache.writes", "products")).isEqualTo(1);
    assertThat(count("cache.deletes", "products")).isZero();
    assertThat(count("cache.fills.rejected", "products")).isZero();
    double loadNanos =
        registry
            .get("cache.load.duration")
            .tag("cache", "products")
            .timeGauge()
            .value(TimeUnit.NANOSECONDS);
    assertThat(loadNanos).isPositive();
    assertThat(loadNanos).isEqualTo(cachalot.cache("products").stats().totalLoadTimeNanos());
    assertThat(registry.get("cache.gets").tag("cache", "products").meters())
        .allSatisfy(meter -> assertThat(meter.getId().getTag("strategy")).isEqualTo("CACHE_ASIDE"));
    // No write-behind meters for a cache-aside cache; no size: the in-process store reports none.
    assertThat(meterNames("products"))
        .containsExactly(
            "cache.deletes",
            "cache.fills.rejected",
            "cache.gets",
            "cache.load",
            "cache.load.duration",
            "cache.puts",
            "cache.writes");
  }

  @Test
  void aFillRejectedAsStaleIsCountedAndIsNoPut() throws Exception {
    Cachalot cachalot = cachalot(Cachalot.builder());
    ProductDao products = cachalot.decorate(ProductDao.class, db);
    new CachalotMetrics(cachalot).bindTo(registry);
    db.products.put(7L, new Product(7, "rope"));
    db.holdId = 7;

    CompletableFuture<Optional<Product>> stale =
        CompletableFuture.supplyAsync(() -> products.find(7));
    assertThat(db.read.await(10, TimeUnit.SECONDS)).as("the load read the row").isTrue();
    products.save(new Product(7, "rope, 20 m")); // while the load holds the old row
    db.release.countDown();
    assertThat(stale.get(10, TimeUnit.SECONDS)).contains(new Product(7, "rope"));
    db.holdId = -1;
    assertThat(products.find(7)).contains(new Product(7, "rope, 20 m")); // not the stale row

    assertThat(count("cache.fills.rejected", "products")).isEqualTo(1);
    assertThat(count("cache.load", "products", "result", "success")).isEqualTo(2);
    assertThat(count("cache.puts", "products")).isEqualTo(1);
    assertThat(count("cache.gets", "products", "result", "miss")).isEqualTo(2);
  }

  @Test
  void writeThroughWritesArePuts() {
    Cachalot cachalot = cachalot(Cachalot.builder());
    SessionDao sessions = cachalot.decorate(SessionDao.class, db);
    CachalotMetrics.monitor(registry, cachalot, "app", "shop");
    db.sessions.put("a", new Session("a", "ann"));

    sessions.find("a"); // miss, load, put
    sessions.save(new Session("b", "bob")); // write, put
    sessions.find("b"); // hit
    sessions.find("a"); // hit

    assertThat(count("cache.gets", "sessions", "result", "hit", "app", "shop")).isEqualTo(2);
    assertThat(count("cache.gets", "sessions", "result", "miss", "app", "shop")).isEqualTo(1);
    assertThat(count("cache.puts", "sessions", "strategy", "WRITE_THROUGH")).isEqualTo(2);
    assertThat(count("cache.writes", "sessions")).isEqualTo(1);
    assertThat(registry.find("cache.writes.pending").tag("cache", "sessions").gauge()).isNull();
  }

  @Test
  void writeBehindMetersFollowTheBufferTheFlushesAndTheFailures() {
    Cachalot cachalot = cachalot(Cachalot.builder().stillFailingAfter(3));
    EventDao events = cachalot.decorate(EventDao.class, db);
    new CachalotMetrics(cachalot).bindTo(registry);

    events.record(new Event(1, "view"));
    events.record(new Event(2, "view"));
    events.record(new Event(1, "view again")); // replaces the pending write of key 1
    assertThat(count("cache.writes", "events")).isEqualTo(3);
    assertThat(count("cache.puts", "events")).isEqualTo(3);
    assertThat(gauge("cache.writes.pending", "events")).isEqualTo(2);

    cachalot.cache("events").flush();
    assertThat(db.insertCalls).hasValue(1);
    assertThat(gauge("cache.writes.pending", "events")).isZero();
    assertThat(count("cache.flush.calls", "events", "result", "success")).isEqualTo(1);
    assertThat(count("cache.flush.writes", "events")).isEqualTo(2);
    FunctionTimer flushes =
        registry.get("cache.flush.duration").tag("cache", "events").functionTimer();
    assertThat(flushes.count()).isEqualTo(1);
    // A FunctionTimer's total is a double: the nanoseconds come back within rounding.
    assertThat(flushes.totalTime(TimeUnit.NANOSECONDS))
        .isPositive()
        .isCloseTo(cachalot.cache("events").stats().totalFlushTimeNanos(), within(1.0));

    db.failing = true;
    events.record(new Event(3, "cart"));
    assertThatThrownBy(() -> cachalot.cache("events").flush())
        .isInstanceOf(WriteBehindException.class);
    // The batch call failed, then the engine tried the write on its own: two failed calls, and
    // the write has failed twice in a row, one less than the still-failing threshold.
    assertThat(count("cache.flush.calls", "events", "result", "failure")).isEqualTo(2);
    assertThat(gauge("cache.writes.still.failing", "events")).isZero();
    assertThatThrownBy(() -> cachalot.cache("events").flush())
        .isInstanceOf(WriteBehindException.class);
    assertThat(count("cache.flush.calls", "events", "result", "failure")).isEqualTo(3);
    assertThat(gauge("cache.writes.still.failing", "events")).isEqualTo(1);
    assertThat(gauge("cache.writes.pending", "events")).isEqualTo(1);

    db.failing = false;
    cachalot.cache("events").flush();
    assertThat(gauge("cache.writes.still.failing", "events")).isZero();
    assertThat(gauge("cache.writes.pending", "events")).isZero();
    assertThat(count("cache.flush.calls", "events", "result", "success")).isEqualTo(2);
    assertThat(count("cache.flush.writes", "events")).isEqualTo(3);
    assertThat(db.events).containsOnlyKeys(1L, 2L, 3L);
    assertThat(flushes.count()).isEqualTo(4);
    assertThat(count("cache.writes.abandoned", "events")).isZero();
  }

  @Test
  void writesThatCloseGivesUpAreCountedAsAbandoned() {
    Cachalot cachalot = cachalot(Cachalot.builder().closeTimeout(Duration.ofMillis(200)));
    EventDao events = cachalot.decorate(EventDao.class, db);
    new CachalotMetrics(cachalot).bindTo(registry);
    db.failing = true;
    events.record(new Event(1, "view"));
    events.record(new Event(2, "view"));

    assertThatThrownBy(cachalot::close).isInstanceOf(WriteBehindException.class);

    assertThat(count("cache.writes.abandoned", "events")).isEqualTo(2);
    // One batch call, then each write on its own; the retries would come after the timeout.
    assertThat(count("cache.flush.calls", "events", "result", "failure")).isEqualTo(3);
    assertThat(db.events).isEmpty();
  }

  @Test
  void cachesCreatedAfterBindingAreBoundToo() {
    Cachalot cachalot = cachalot(Cachalot.builder());
    new CachalotMetrics(cachalot, Tags.of("app", "shop")).bindTo(registry);
    assertThat(registry.getMeters()).isEmpty();

    ProductDao products = cachalot.decorate(ProductDao.class, db);
    products.find(1);
    EventDao events = cachalot.decorate(EventDao.class, db);
    events.record(new Event(1, "view"));

    assertThat(count("cache.gets", "products", "result", "miss", "app", "shop")).isEqualTo(1);
    assertThat(gauge("cache.writes.pending", "events")).isEqualTo(1);
    assertThat(meterNames("events"))
        .contains(
            "cache.writes.pending",
            "cache.flush.duration",
            "cache.flush.calls",
            "cache.flush.writes",
            "cache.writes.still.failing",
            "cache.writes.abandoned");
  }

  @Test
  void writesRecoveredFromAJournalAreCounted(@TempDir Path journal) {
    db.failing = true;
    try (Cachalot first = Cachalot.builder().journal(journal).closeTimeout(Duration.ZERO).build()) {
      EventDao events = first.decorate(EventDao.class, db);
      events.record(new Event(1, "view"));
      events.record(new Event(2, "view"));
    }
    db.failing = false;
    Cachalot second = cachalot(Cachalot.builder().journal(journal));
    new CachalotMetrics(second).bindTo(registry);

    second.decorate(EventDao.class, db);

    assertThat(count("cache.writes.recovered", "events")).isEqualTo(2);
    assertThat(count("cache.writes.taken.over", "events")).isZero();
    assertThat(count("cache.writes.dead.lettered", "events")).isZero();
  }

  @Test
  void oneCachalotBindsToSeveralRegistries() {
    Cachalot cachalot = cachalot(Cachalot.builder());
    CachalotMetrics metrics = new CachalotMetrics(cachalot);
    MeterRegistry other = new SimpleMeterRegistry();
    metrics.bindTo(registry);
    metrics.bindTo(other);
    cachalot.decorate(ProductDao.class, db).find(1);

    assertThat(count("cache.gets", "products", "result", "miss")).isEqualTo(1);
    assertThat(
            other
                .get("cache.gets")
                .tags("cache", "products", "result", "miss")
                .functionCounter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void whatTheStoreReportsIsBound() {
    ReportingStore store = new ReportingStore();
    store.statistics.put("size", 3L);
    store.statistics.put("evictions", 4L);
    store.statistics.put("near.hits", 5L);
    store.statistics.put("remote.hits", 6L);
    store.statistics.put("remote.roundTrips", 7L);
    store.statistics.put("decode.failures", 8L);
    store.statistics.put("breaker.open", 0L);
    Cachalot cachalot = cachalot(Cachalot.builder().store(store));
    cachalot.decorate(ProductDao.class, db);
    new CachalotMetrics(cachalot).bindTo(registry);

    assertThat(gauge("cache.size", "products")).isEqualTo(3);
    assertThat(count("cache.evictions", "products")).isEqualTo(4);
    assertThat(count("cache.store.hits", "products", "tier", "near")).isEqualTo(5);
    assertThat(count("cache.store.hits", "products", "tier", "remote")).isEqualTo(6);
    assertThat(count("cache.store.round.trips", "products")).isEqualTo(7);
    assertThat(count("cache.store.decode.failures", "products")).isEqualTo(8);
    assertThat(gauge("cache.store.breaker.open", "products")).isZero();

    store.statistics.put("breaker.open", 1L);
    store.statistics.put("near.hits", 50L);
    assertThat(gauge("cache.store.breaker.open", "products")).isEqualTo(1);
    assertThat(count("cache.store.hits", "products", "tier", "near")).isEqualTo(50);
  }

  @Test
  void theBinderDoesNotKeepTheCachalotAlive() {
    Cachalot cachalot = Cachalot.builder().requireGenerated(true).build();
    cachalot.decorate(ProductDao.class, db).find(1);
    CachalotMetrics metrics = new CachalotMetrics(cachalot);
    metrics.bindTo(registry);
    assertThat(count("cache.gets", "products", "result", "miss")).isEqualTo(1);
    cachalot.close();
    assertThat(count("cache.gets", "products", "result", "miss"))
        .as("a closed Cachalot's meters keep its final counts")
        .isEqualTo(1);
    WeakReference<Cachalot> gone = new WeakReference<>(cachalot);
    cachalot = null;

    Await.until(
        "the closed, unreachable Cachalot was collected",
        () -> {
          System.gc();
          return gone.get() == null;
        });
    // As Micrometer's function meters do: gauges of a collected object are NaN, counters keep
    // their last count.
    assertThat(
            registry
                .get("cache.load.duration")
                .tag("cache", "products")
                .timeGauge()
                .value(TimeUnit.NANOSECONDS))
        .isNaN();
    assertThat(count("cache.gets", "products", "result", "miss")).isEqualTo(1);
    MeterRegistry later = new SimpleMeterRegistry();
    metrics.bindTo(later); // the binder outlived its Cachalot: it binds nothing, and fails nothing
    assertThat(later.getMeters()).isEmpty();
  }
}
