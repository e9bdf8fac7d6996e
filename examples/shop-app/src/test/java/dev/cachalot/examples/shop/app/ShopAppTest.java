package dev.cachalot.examples.shop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.annotations.Strategy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shop on its default database, H2 in memory: a short run and the report's invariants. */
class ShopAppTest {

  @Test
  void shopOnH2LosesNoEventAndKeepsTheReadsFast() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    ShopConfig config = ShopConfig.defaults().withLoad(Duration.ofSeconds(3), 2, 200, 50);

    ShopReport report = ShopApp.run(config, new PrintStream(output, true, StandardCharsets.UTF_8));

    assertThat(report.database()).startsWith("H2 ");
    ShopReportAssertions.assertInvariants(report, output.toString(StandardCharsets.UTF_8));
  }

  /** The checks both database tests make. */
  static final class ShopReportAssertions {
    private ShopReportAssertions() {}

    static void assertInvariants(ShopReport report, String printed) {
      // The hybrid architecture: one cache per strategy.
      assertThat(report.cache("sessions").strategy()).isEqualTo(Strategy.WRITE_THROUGH);
      assertThat(report.cache("products").strategy()).isEqualTo(Strategy.CACHE_ASIDE);
      assertThat(report.cache("events").strategy()).isEqualTo(Strategy.WRITE_BEHIND);

      // No analytics event lost: every event generated is in the database after close().
      Workload.Result run = report.workload();
      assertThat(run.eventsGenerated()).isPositive();
      assertThat(report.eventsInDatabase()).isEqualTo(run.eventsGenerated());
      assertThat(report.eventsFlushedAfterClose()).isEqualTo(run.eventsGenerated());
      assertThat(report.cache("events").stats().writes()).isEqualTo(run.eventsGenerated());

      // The catalog is read-heavy and skewed: most reads hit, despite the price updates.
      assertThat(run.priceUpdates()).isPositive();
      assertThat(report.cache("products").stats().hitRate()).isGreaterThan(0.75);
      assertThat(report.cache("products").stats().writes()).isEqualTo(run.priceUpdates());
      // Write-through caches every session it writes, so checking a session never misses.
      assertThat(report.cache("sessions").stats().misses()).isZero();
      assertThat(report.cache("sessions").stats().hits()).isEqualTo(run.pageViews());

      // Every product read through the cache after the run equals the database.
      assertThat(report.catalogCheck().stale()).isZero();
      assertThat(printed).contains("products read through the cache equal the database.");

      // Measured: a hit is far faster than a miss; write-behind is faster than a database write.
      Latency.Summary hit = report.latency(Operation.HIT);
      Latency.Summary miss = report.latency(Operation.CACHE_ASIDE_MISS);
      assertThat(hit.calls()).isPositive();
      assertThat(miss.calls()).isPositive();
      assertThat(hit.p50()).isLessThan(miss.p50());
      long writeBehind = report.latency(Operation.WRITE_BEHIND_WRITE).p50();
      assertThat(writeBehind).isLessThan(report.latency(Operation.CACHE_ASIDE_WRITE).p50());
      assertThat(writeBehind).isLessThan(report.latency(Operation.WRITE_THROUGH_WRITE).p50());
      // Not asserted: cache-aside < write-through. In process, both are one database write plus
      // microseconds of cache work, so their order is not the strategy's (see the README).

      assertThat(printed)
          .contains("sessions  WRITE_THROUGH", "products  CACHE_ASIDE", "events    WRITE_BEHIND")
          .contains("p50", "p99", "cache hit", "cache-aside miss", "The article's order")
          .contains("in the database after close(): none lost.");
    }
  }
}
