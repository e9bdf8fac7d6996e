package dev.cachalot.examples.shop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.redis.TestRedis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shop with its caches on the local Redis (127.0.0.1:6379), with and without near caches, on
 * H2: the report's invariants, and the article's latency order where a round trip decides it. The
 * test fails, saying how to start Redis, when it is not running.
 */
class ShopAppRedisTest {

  @ParameterizedTest(name = "near cache {0}")
  @ValueSource(booleans = {false, true})
  void shopOnRedisLosesNoEventServesNothingStaleAndKeepsTheArticlesOrder(boolean near)
      throws Exception {
    TestRedis.client(); // fails with the command that starts Redis when it is down
    String namespace = TestRedis.namespace();
    ShopConfig config =
        ShopConfig.defaults()
            .withLoad(Duration.ofSeconds(3), 2, 200, 50)
            .onRedis(TestRedis.ADDRESS, near, namespace, 1);
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    ShopReport report;
    try {
      report = ShopApp.run(config, new PrintStream(output, true, StandardCharsets.UTF_8));
    } finally {
      TestRedis.deleteNamespace(namespace);
    }

    String printed = output.toString(StandardCharsets.UTF_8);
    assertThat(report.remote()).isTrue();
    assertThat(report.store())
        .startsWith("Redis at redis://127.0.0.1:6379/0, namespace " + namespace);
    ShopAppTest.ShopReportAssertions.assertInvariants(report, printed);
    assertThat(printed).contains("on Redis", "round trips", "a miss is a GET, the lease");
    assertThat(report.cache("products").storeCount("remote.roundTrips")).isPositive();
    if (near) {
      assertThat(report.cache("products").storeCount("near.hits")).isPositive();
      // A near hit costs no round trip; a miss costs three and the database.
      assertThat(report.missOverHit()).isGreaterThan(10);
    } else {
      assertThat(report.cache("products").storeCount("near.hits")).isZero();
      assertThat(report.cache("products").storeCount("remote.hits")).isPositive();
    }
    // Not asserted: cache-aside < write-through. It holds by one round trip on the medians of a
    // longer run (see the README), but a 3 s run on a shared 2-core machine has too few calls.
  }
}
