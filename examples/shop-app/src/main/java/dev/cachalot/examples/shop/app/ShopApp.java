package dev.cachalot.examples.shop.app;

import dev.cachalot.Cachalot;
import dev.cachalot.CacheHandle;
import dev.cachalot.CacheStats;
import dev.cachalot.examples.shop.CatalogDao;
import dev.cachalot.examples.shop.EventDao;
import dev.cachalot.examples.shop.SessionDao;
import dev.cachalot.redis.RedisStore;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The hybrid shop of the caching-strategies article: sessions written through, the catalog
 * cache-aside, analytics events written behind, all in front of one relational database (H2 in
 * memory, or PostgreSQL given its JDBC URL), with the caches in process or on Redis (given its URI;
 * several shop processes, one per node, then share them). Runs a shop workload, shows its progress,
 * then prints what each cache did, the article's latency table as measured here, that every product
 * read through the cache equals the database, and that no analytics event was lost.
 */
public final class ShopApp {

  private ShopApp() {}

  /** Runs the shop; see {@link ShopConfig#USAGE} for the options. */
  public static void main(String[] args) throws SQLException, InterruptedException {
    if (Arrays.asList(args).contains("--help")) {
      System.out.println(ShopConfig.USAGE);
      return;
    }
    ShopConfig config;
    try {
      config = ShopConfig.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(ShopConfig.USAGE);
      System.exit(2);
      return;
    }
    ShopReport report = run(config, System.out);
    if (report.eventsInDatabase() != report.workload().eventsGenerated()) {
      System.exit(1);
    }
  }

  /** Opens the database, runs the shop on it, prints and returns the report. */
  static ShopReport run(ShopConfig config, PrintStream out)
      throws SQLException, InterruptedException {
    try (ShopDatabase database = ShopDatabase.open(config)) {
      return run(config, database, out);
    }
  }

  /**
   * Runs the shop on {@code database} (whose tables are new, unless this node joins node 1's);
   * prints and returns the report.
   */
  static ShopReport run(ShopConfig config, ShopDatabase database, PrintStream out)
      throws InterruptedException {
    RedisStore redis = null;
    if (config.redisUri() != null) {
      redis = RedisStore.connect(config.redisUri()).namespace(config.namespace());
      redis = config.nearCache() ? redis.withNearCache() : redis;
    }
    String store = redis == null ? "Cachalot's in-process store" : redis.toString();
    out.printf(
        Locale.ROOT,
        "Cachalot hybrid shop%s%n"
            + "  database: %s%n"
            + "  caches:   %s; sessions WRITE_THROUGH, products CACHE_ASIDE, events WRITE_BEHIND%n"
            + "  load:     %d shoppers for %d s, %,d products, %,d users%n",
        config.redisUri() == null ? "" : ", node " + config.node(),
        database.description(),
        store,
        config.shoppers(),
        config.duration().toSeconds(),
        config.products(),
        config.users());

    CallProbe probe = new CallProbe();
    JdbcEventDao jdbcEvents = new JdbcEventDao(database.dataSource());
    JdbcCatalogDao jdbcCatalog = new JdbcCatalogDao(database.dataSource());
    Cachalot.Builder builder = Cachalot.builder().listener(probe);
    if (redis != null) {
      builder.store(redis);
    }
    Cachalot cachalot = builder.build();
    try {
      SessionDao sessions =
          cachalot.decorate(
              SessionDao.class, new JdbcSessionDao(database.dataSource(), Clock.systemUTC()));
      CatalogDao catalog = cachalot.decorate(CatalogDao.class, jdbcCatalog);
      EventDao events = cachalot.decorate(EventDao.class, jdbcEvents);
      if (!config.joins()) {
        catalog.insertAll(Workload.catalog(config.products(), config.seed()));
        // On Redis, entries of an earlier run of the shop may still live: they are of tables
        // that were just recreated. A new generation per cache, O(1); nodes that join keep it.
        for (CacheHandle cache : cachalot.caches()) {
          cache.invalidateAll();
        }
      }

      Workload workload = new Workload(config, sessions, catalog, events, probe);
      Workload.Result result = runShowingProgress(workload, cachalot, out);

      List<ShopReport.CacheLine> caches = new ArrayList<>();
      for (CacheHandle cache : cachalot.caches()) {
        caches.add(
            new ShopReport.CacheLine(
                cache.name(), cache.strategy(), cache.stats(), cache.storeStatistics()));
      }
      CatalogCheck check = CatalogCheck.run(catalog, jdbcCatalog, config.products());
      CacheHandle eventCache = cachalot.cache("events");
      long pendingAtClose = eventCache.pendingWrites();
      cachalot.close(); // flushes what the write-behind buffer still holds
      ShopReport report =
          new ShopReport(
              database.description(),
              store,
              config.redisUri() != null,
              config.shoppers(),
              result,
              caches,
              probe.flushes(),
              check,
              pendingAtClose,
              eventCache.stats().flushedWrites(),
              jdbcEvents.countIds(Workload.firstEventId(config), Workload.EVENT_IDS_PER_NODE));
      report.print(out);
      return report;
    } finally {
      cachalot.close();
    }
  }

  /** Runs the workload, printing a line of progress every second. */
  private static Workload.Result runShowingProgress(
      Workload workload, Cachalot cachalot, PrintStream out) throws InterruptedException {
    CacheHandle products = cachalot.cache("products");
    CacheHandle events = cachalot.cache("events");
    long start = System.nanoTime();
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "progress");
              thread.setDaemon(true);
              return thread;
            });
    ScheduledFuture<?> progress =
        ticker.scheduleAtFixedRate(
            () -> {
              CacheStats catalog = products.stats();
              CacheStats buffered = events.stats();
              out.printf(
                  Locale.ROOT,
                  "%4ds  %,7d visits  %,8d page views  %,6d price updates  catalog hit ratio"
                      + " %5.1f%%  events %,8d (flushed %,d, pending %,d)%n",
                  TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start),
                  workload.visits.sum(),
                  workload.pageViews.sum(),
                  workload.priceUpdates.sum(),
                  100 * catalog.hitRate(),
                  workload.eventsGenerated.sum(),
                  buffered.flushedWrites(),
                  buffered.pendingWrites());
            },
            1,
            1,
            TimeUnit.SECONDS);
    try {
      return workload.run();
    } finally {
      progress.cancel(false);
      ticker.shutdown();
      if (!ticker.awaitTermination(5, TimeUnit.SECONDS)) {
        ticker.shutdownNow();
      }
    }
  }
}
