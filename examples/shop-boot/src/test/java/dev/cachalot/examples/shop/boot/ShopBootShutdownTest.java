package dev.cachalot.examples.shop.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.Cachalot;
import dev.cachalot.CacheStats;
import dev.cachalot.examples.shop.Event;
import dev.cachalot.examples.shop.EventDao;
import dev.cachalot.examples.shop.EventKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.TestExecutionListeners.MergeMode;
import org.springframework.test.context.support.DependencyInjectionTestExecutionListener;
import org.springframework.test.context.support.DirtiesContextTestExecutionListener;

/**
 * Closing the shop writes the page views still buffered into the database before the database
 * closes: the rows are there after the context closed. (The database outlives the pool,
 * DB_CLOSE_DELAY=-1, so that the test can count them.)
 */
@SpringBootTest(
    properties = "spring.datasource.url=jdbc:h2:mem:shop-boot-shutdown;DB_CLOSE_DELAY=-1")
// The test closes the application itself; the listeners that would use it afterwards are left out.
@TestExecutionListeners(
    listeners = {
      DependencyInjectionTestExecutionListener.class,
      DirtiesContextTestExecutionListener.class
    },
    mergeMode = MergeMode.REPLACE_DEFAULTS)
class ShopBootShutdownTest {

  private static final int EVENTS = 2_000;

  @Test
  @DirtiesContext // the test closes it
  void closingFlushesThePendingPageViewsIntoTheDatabase(
      @Autowired ConfigurableApplicationContext context,
      @Autowired EventDao events,
      @Autowired Cachalot cachalot)
      throws Exception {
    Instant now = Instant.now();
    for (long id = 1; id <= EVENTS; id++) {
      events.record(new Event(id, "ann", EventKind.PAGE_VIEW, 1 + id % 100, now));
    }
    // Recorded within milliseconds; the flusher writes every second, so most are still buffered
    // here, and without the final flush they would be lost.
    long pending = cachalot.cache("events").pendingWrites();

    context.close();

    assertThat(rows()).as("%d events were pending at close", pending).isEqualTo(EVENTS);
    CacheStats stats = cachalot.cache("events").stats();
    assertThat(stats.pendingWrites()).isZero();
    assertThat(stats.abandonedWrites()).isZero();
    assertThat(stats.flushedWrites()).isEqualTo(EVENTS);
  }

  private static long rows() throws Exception {
    try (Connection connection =
            DriverManager.getConnection("jdbc:h2:mem:shop-boot-shutdown", "sa", "");
        Statement statement = connection.createStatement();
        ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM analytics_event")) {
      count.next();
      long rows = count.getLong(1);
      statement.execute("SHUTDOWN");
      return rows;
    }
  }
}
