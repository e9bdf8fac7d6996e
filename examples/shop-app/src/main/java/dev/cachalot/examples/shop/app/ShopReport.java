package dev.cachalot.examples.shop.app;

import dev.cachalot.CacheStats;
import dev.cachalot.annotations.Strategy;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run of the shop did, measured: per cache its statistics, per operation its latencies, and
 * the analytics events generated against those in the database after {@code close()}.
 *
 * @param database what the database was
 * @param store where the caches were
 * @param remote whether the caches were on Redis (a round trip away) rather than in process
 * @param shoppers how many shoppers shopped
 * @param workload what the shoppers did and how long each call took
 * @param caches the statistics of every cache when the workload ended, before {@code close()}
 * @param flushes the times of the write-behind flushes (per batch, on the flusher thread)
 * @param catalogCheck every product read through the cache against the database, after the run
 * @param eventsPendingAtClose events still buffered when {@code close()} was called
 * @param eventsFlushedAfterClose the write-behind cache's flushed writes after {@code close()}
 * @param eventsInDatabase the events in the database after {@code close()}
 */
record ShopReport(
    String database,
    String store,
    boolean remote,
    int shoppers,
    Workload.Result workload,
    List<CacheLine> caches,
    Latency.Summary flushes,
    CatalogCheck catalogCheck,
    long eventsPendingAtClose,
    long eventsFlushedAfterClose,
    long eventsInDatabase) {

  /**
   * One cache's statistics, and what its store counted ({@code near.hits}, ...; empty in process).
   */
  record CacheLine(String name, Strategy strategy, CacheStats stats, Map<String, Long> store) {

    /** A counter of the store, 0 when it has none. */
    long storeCount(String counter) {
      return store.getOrDefault(counter, 0L);
    }
  }

  /** The statistics of the cache called {@code name}. */
  CacheLine cache(String name) {
    return caches.stream()
        .filter(line -> line.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no cache " + name + " in " + caches));
  }

  /** The latencies of {@code operation}. */
  Latency.Summary latency(Operation operation) {
    return workload.latencies().get(operation);
  }

  /** Whether p50 write latencies keep the article's order: write-behind, cache-aside, through. */
  boolean writeOrderHolds() {
    return latency(Operation.WRITE_BEHIND_WRITE).p50() < latency(Operation.CACHE_ASIDE_WRITE).p50()
        && latency(Operation.CACHE_ASIDE_WRITE).p50()
            < latency(Operation.WRITE_THROUGH_WRITE).p50();
  }

  /** How many times longer the median cache-aside miss takes than the median hit. */
  double missOverHit() {
    return (double) latency(Operation.CACHE_ASIDE_MISS).p50()
        / Math.max(1, latency(Operation.HIT).p50());
  }

  /** Prints the report. */
  void print(PrintStream out) {
    Workload.Result run = workload;
    out.printf(
        Locale.ROOT,
        "%nDone in %.1f s: %,d visits, %,d page views, %,d price updates, %,d analytics events.%n%n",
        run.elapsed().toMillis() / 1e3,
        run.visits(),
        run.pageViews(),
        run.priceUpdates(),
        run.eventsGenerated());
    printCaches(out);
    if (remote) {
      printStoreCounts(out);
    }
    printLatencies(out);
    printVerdict(out);
    out.printf(
        Locale.ROOT,
        "%nCatalog check after the run: %s%n",
        catalogCheck.stale() == 0
            ? String.format(
                Locale.ROOT,
                "all %,d products read through the cache equal the database.",
                catalogCheck.products())
            : String.format(
                Locale.ROOT,
                "%,d of %,d products read through the cache differ from the database: STALE.",
                catalogCheck.stale(),
                catalogCheck.products()));
    out.printf(
        Locale.ROOT,
        "%nAnalytics events: %,d generated; %,d were still buffered when close() was called;"
            + " %,d flushed in all;%n%,d in the database after close(): %s%n",
        run.eventsGenerated(),
        eventsPendingAtClose,
        eventsFlushedAfterClose,
        eventsInDatabase,
        eventsInDatabase == run.eventsGenerated()
            ? "none lost."
            : (run.eventsGenerated() - eventsInDatabase) + " LOST.");
  }

  private void printCaches(PrintStream out) {
    String format = "%-9s %-14s %9s %9s %9s %8s %8s %8s %8s %8s %9s%n";
    out.printf(
        Locale.ROOT,
        format,
        "cache",
        "strategy",
        "hits",
        "misses",
        "hit ratio",
        "loads",
        "writes",
        "deletes",
        "pending",
        "flushes",
        "flushed");
    for (CacheLine line : caches) {
      CacheStats stats = line.stats();
      long reads = stats.hits() + stats.misses();
      out.printf(
          Locale.ROOT,
          format,
          line.name(),
          line.strategy(),
          count(stats.hits()),
          count(stats.misses()),
          reads == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * stats.hitRate()),
          count(stats.loads()),
          count(stats.writes()),
          count(stats.deletes()),
          count(stats.pendingWrites()),
          count(stats.flushes()),
          count(stats.flushedWrites()));
    }
  }

  private void printStoreCounts(PrintStream out) {
    String format = "%-9s %11s %11s %12s %14s %12s %9s%n";
    out.printf(
        Locale.ROOT,
        "%n" + format,
        "on Redis",
        "near hits",
        "remote hits",
        "round trips",
        "invalidations",
        "lease waits",
        "decode");
    out.printf(Locale.ROOT, format, "", "", "", "", "received", "", "failures");
    for (CacheLine line : caches) {
      out.printf(
          Locale.ROOT,
          format,
          line.name(),
          count(line.storeCount("near.hits")),
          count(line.storeCount("remote.hits")),
          count(line.storeCount("remote.roundTrips")),
          count(line.storeCount("invalidations.received")),
          count(line.storeCount("lease.waits")),
          count(line.storeCount("decode.failures")));
    }
  }

  private void printLatencies(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%nLatency per call, timed in this JVM after a %.1f s warm-up (the article's: over a"
            + " network)%n",
        workload.warmUp().toMillis() / 1e3);
    String format = "%-5s %-16s %-22s %8s %10s %10s %10s %10s %8s%n";
    out.printf(
        Locale.ROOT,
        format,
        "",
        "",
        "calls through",
        "calls",
        "p50",
        "p99",
        "db p50",
        "cache p50",
        "article");
    for (Operation operation : Operation.values()) {
      Latency.Summary latency = latency(operation);
      boolean database = operation != Operation.WRITE_BEHIND_WRITE && operation != Operation.HIT;
      out.printf(
          Locale.ROOT,
          format,
          operation.kind,
          operation.label,
          operation.calls,
          count(latency.calls()),
          Latency.format(latency.p50()),
          Latency.format(latency.p99()),
          database ? Latency.format(latency.databaseP50()) : "-",
          Latency.format(latency.cacheP50()),
          operation.article);
    }
    CacheLine events = cache("events");
    long batch =
        events.stats().flushes() == 0
            ? 0
            : events.stats().flushedWrites() / events.stats().flushes();
    out.printf(
        Locale.ROOT,
        format,
        "",
        "flusher thread",
        "events.insertAll",
        count(flushes.calls()),
        Latency.format(flushes.p50()),
        Latency.format(flushes.p99()),
        "all",
        "-",
        "-");
    out.printf(
        Locale.ROOT,
        "db: the part of a call spent in the DAO's JDBC code; cache: the rest (Cachalot and its"
            + " store).%nThe flusher inserted %,d events per batch on average, off the callers'"
            + " threads.%n",
        batch);
  }

  private void printVerdict(PrintStream out) {
    long behind = latency(Operation.WRITE_BEHIND_WRITE).p50();
    long aside = latency(Operation.CACHE_ASIDE_WRITE).p50();
    long through = latency(Operation.WRITE_THROUGH_WRITE).p50();
    out.printf(Locale.ROOT, "%nThe article's order, on the medians:%n");
    for (Operation operation : Operation.values()) {
      if (latency(operation).calls() == 0) {
        out.printf(
            Locale.ROOT,
            "  not measured: no %s call was timed after the warm-up; run longer (--seconds)%n",
            operation.calls);
        return;
      }
    }
    out.printf(
        Locale.ROOT,
        "  write-behind write < cache-aside write:   %s%n",
        verdict(behind, aside, String.format(Locale.ROOT, "%.0fx", (double) aside / behind)));
    out.printf(
        Locale.ROOT,
        "  cache-aside write < write-through write:  %s%n",
        verdict(aside, through, Latency.format(through - aside)));
    out.printf(
        Locale.ROOT,
        "  cache hit << cache-aside miss:            %s%n",
        missOverHit() >= 10
            ? String.format(Locale.ROOT, "holds (a miss takes %.0fx a hit)", missOverHit())
            : String.format(
                Locale.ROOT, "does NOT hold here (a miss takes only %.1fx a hit)", missOverHit()));
    if (remote) {
      out.printf(
          Locale.ROOT,
          "The article's figures are for a cache and a database across a network, 1 ms a round"
              + " trip. Here%nRedis is on this machine: a round trip costs tens of microseconds."
              + " A write-behind write is%none round trip (the put and its invalidation, one"
              + " script) and never waits for the database; a%ncache-aside write is the database"
              + " write and one round trip (the invalidation); a write-through%nwrite is the"
              + " database write and two (the announcement before it, the completion after it)."
              + "%nA hit is one GET, or nothing with the near cache; a miss is a GET, the lease,"
              + " the database%nread (db p50 %s) and the fill.%n",
          Latency.format(latency(Operation.CACHE_ASIDE_MISS).databaseP50()));
      return;
    }
    out.printf(
        Locale.ROOT,
        "The article's figures are for a cache across a network. Here the store is in this"
            + " process: a cache%noperation costs microseconds, not a round trip. So a cache-aside"
            + " write (database, then%ninvalidate) and a write-through write (database, then put)"
            + " both cost one database write%n(db p50 %s and %s), and which one is faster comes"
            + " down to microseconds of in-process%nwork. Write-behind never waits for the"
            + " database; a hit never leaves the process.%n",
        Latency.format(latency(Operation.CACHE_ASIDE_WRITE).databaseP50()),
        Latency.format(latency(Operation.WRITE_THROUGH_WRITE).databaseP50()));
  }

  /** "holds (by ...)" when {@code smaller < larger}, else "does NOT hold here (...)". */
  private static String verdict(long smaller, long larger, String margin) {
    return smaller < larger
        ? "holds ("
            + Latency.format(smaller)
            + " < "
            + Latency.format(larger)
            + ", by "
            + margin
            + ")"
        : "does NOT hold here (" + Latency.format(smaller) + " >= " + Latency.format(larger) + ")";
  }

  private static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
