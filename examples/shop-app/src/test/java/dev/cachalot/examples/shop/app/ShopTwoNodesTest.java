package dev.cachalot.examples.shop.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.redis.TestRedis;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two shop processes over one Redis and one PostgreSQL, as two nodes of the shop: node 1 runs in
 * this JVM, node 2 in a JVM of its own that joins node 1's tables and caches. Each sees the other's
 * price updates: after the run every product read through its near cache equals the database, and
 * each node's near cache heard the other's invalidations. Needs the local PostgreSQL and Redis, and
 * says how to start them when they are down.
 */
class ShopTwoNodesTest {

  private static final Pattern PRODUCTS_ON_REDIS =
      Pattern.compile("(?m)^products\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)\\s");

  @Test
  void twoShopProcessesOverOneRedisAndOnePostgresSeeEachOthersPriceUpdates() throws Exception {
    ShopAppPostgresTest.requireServer();
    TestRedis.client();
    String schema =
        "shop_nodes_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    String namespace = TestRedis.namespace();
    ShopConfig first =
        ShopConfig.defaults()
            .withDatabase(ShopAppPostgresTest.URL, schema)
            .withLoad(Duration.ofSeconds(8), 2, 200, 50)
            .onRedis(TestRedis.ADDRESS, true, namespace, 1);
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    Process second = null;
    try (ShopDatabase database = ShopDatabase.open(first)) {
      try {
        CompletableFuture<ShopReport> nodeOne =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return ShopApp.run(first, database, out);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                  }
                });
        awaitOutput(output, "   1s ", nodeOne); // node 1 made the catalog and shops
        second = startSecondNode(schema, namespace);
        String secondOutput =
            new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("node 2 ended").isTrue();
        ShopReport report = nodeOne.get(60, TimeUnit.SECONDS);

        assertThat(second.exitValue()).as("node 2's exit status\n" + secondOutput).isZero();
        assertThat(secondOutput)
            .contains("Cachalot hybrid shop, node 2", "schema " + schema)
            .contains("Catalog check after the run: all 200 products read through the cache")
            .contains("in the database after close(): none lost.");
        assertThat(invalidationsReceived(secondOutput))
            .as("node 2's near cache heard node 1's price updates")
            .isPositive();

        ShopAppTest.ShopReportAssertions.assertInvariants(
            report, output.toString(StandardCharsets.UTF_8));
        assertThat(report.cache("products").storeCount("invalidations.received"))
            .as("node 1's near cache heard node 2's price updates")
            .isPositive();
        assertThat(report.catalogCheck().stale()).isZero();
      } finally {
        if (second != null) {
          second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        database.dropSchema();
        TestRedis.deleteNamespace(namespace);
      }
    }
  }

  /** Node 2: the shop's main in a new JVM on this test's class path, joining node 1. */
  private static Process startSecondNode(String schema, String namespace) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ShopApp.class.getName());
    command.add("--jdbc-url=" + ShopAppPostgresTest.URL);
    command.add("--schema=" + schema);
    command.add("--redis-uri=" + TestRedis.ADDRESS);
    command.add("--near-cache");
    command.add("--namespace=" + namespace);
    command.add("--node=2");
    command.add("--seconds=4");
    command.add("--shoppers=2");
    command.add("--products=200");
    command.add("--users=50");
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Waits until node 1 printed {@code text} (or failed). */
  private static void awaitOutput(
      ByteArrayOutputStream output, String text, CompletableFuture<?> node) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!output.toString(StandardCharsets.UTF_8).contains(text)) {
      if (node.isDone()) {
        node.get(); // throws what the node threw
        throw new AssertionError("node 1 ended before printing '" + text + "'");
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("node 1 did not print '" + text + "' within 30 s");
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  /** The products cache's "invalidations received" in a printed report. */
  private static long invalidationsReceived(String printed) {
    Matcher row = PRODUCTS_ON_REDIS.matcher(printed);
    assertThat(row.find()).as("the 'on Redis' table of\n" + printed).isTrue();
    return Long.parseLong(row.group(4).replace(",", ""));
  }
}
