package dev.cachalot.examples.shop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The shop on the local PostgreSQL server (127.0.0.1:5432, database {@code test}), in a schema of
 * its own that it drops afterwards. CI has that server; when it is down, this test fails and says
 * how to start it.
 */
class ShopAppPostgresTest {

  /** The server; {@code SHOP_TEST_JDBC_URL} points the test elsewhere. */
  static final String URL =
      System.getenv()
          .getOrDefault(
              "SHOP_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  @Test
  void shopOnPostgresLosesNoEventAndKeepsTheReadsFast() throws Exception {
    requireServer();
    String schema = "shop_test_" + Long.toHexString(System.nanoTime());
    ShopConfig config =
        ShopConfig.defaults().withDatabase(URL, schema).withLoad(Duration.ofSeconds(3), 2, 200, 50);
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    ShopReport report;
    try (ShopDatabase database = ShopDatabase.open(config)) {
      try {
        report =
            ShopApp.run(config, database, new PrintStream(output, true, StandardCharsets.UTF_8));
      } finally {
        database.dropSchema();
      }
    }

    assertThat(report.database()).startsWith("PostgreSQL ").contains("schema " + schema);
    ShopAppTest.ShopReportAssertions.assertInvariants(
        report, output.toString(StandardCharsets.UTF_8));
  }

  static void requireServer() {
    String withTimeout = URL + (URL.contains("?") ? "&" : "?") + "connectTimeout=5";
    try (Connection connection = DriverManager.getConnection(withTimeout)) {
      assertThat(connection.isValid(5)).isTrue();
    } catch (SQLException e) {
      fail(
          "PostgreSQL is not reachable at "
              + URL
              + " ("
              + e.getMessage()
              + "). This test needs the local server; start it with:\n"
              + "  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
          e);
    }
  }
}
