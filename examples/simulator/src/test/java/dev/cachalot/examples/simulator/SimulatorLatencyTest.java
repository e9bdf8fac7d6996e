package dev.cachalot.examples.simulator;

import static dev.cachalot.examples.simulator.SimulatorClient.steps;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The article's latency table with the default simulated network (cache GET 1 ms, SET 2 ms, DEL 1
 * ms; database read 15 ms, write 14 ms): each operation costs at least the sum of the steps the
 * engine takes, and the article's order holds. Prints the table it measured.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SimulatorLatencyTest {

  @LocalServerPort int port;

  @Test
  void eachOperationCostsTheNetworkStepsItTakesInTheArticlesOrder() {
    SimulatorClient api = new SimulatorClient(port);
    for (int round = 0; round < 8; round++) {
      String key = "lat_" + round;
      api.click("write-behind", key, "write");
      api.click("cache-aside", key, "write");
      api.click("write-through", key, "write");
      api.click("cache-aside", key, "read"); // a miss: the write invalidated it
      api.click("write-through", key, "read"); // a hit: the write cached it
    }
    JsonNode miss = api.click("cache-aside", "user_2", "read").body().get("entry");
    api.post("/api/flush");

    Map<String, Double> median = new HashMap<>();
    StringBuilder table =
        new StringBuilder("\noperation                              article   measured (median)\n");
    for (JsonNode row : api.state().get("latencyTable")) {
      median.put(row.get("id").asString(), row.get("medianMs").asDouble());
      table.append(
          String.format(
              "%-38s %5.0f ms   %6.2f ms  (%d calls)%n",
              row.get("label").asString(),
              row.get("articleMs").asDouble(),
              row.get("medianMs").asDouble(),
              row.get("count").asLong()));
    }
    System.out.println(table);

    assertThat(median.get("WRITE_BEHIND_WRITE")).as("SET").isGreaterThanOrEqualTo(2);
    assertThat(median.get("CACHE_ASIDE_WRITE")).as("DB write + DEL").isGreaterThanOrEqualTo(15);
    assertThat(median.get("WRITE_THROUGH_WRITE")).as("DB write + SET").isGreaterThanOrEqualTo(16);
    assertThat(median.get("HIT")).as("GET").isGreaterThanOrEqualTo(1);
    assertThat(median.get("CACHE_ASIDE_MISS")).as("GET + DB read + SET").isGreaterThanOrEqualTo(18);
    assertThat(median.get("WRITE_BEHIND_WRITE")).isLessThan(median.get("CACHE_ASIDE_WRITE"));
    assertThat(median.get("WRITE_BEHIND_WRITE")).isLessThan(median.get("WRITE_THROUGH_WRITE"));
    assertThat(median.get("HIT")).isLessThan(median.get("CACHE_ASIDE_MISS"));
    // The log's steps carry the simulated time of each network step.
    assertThat(SimulatorClient.kinds(miss.get("steps"))).containsExactly("MISS", "LOAD", "FILL");
    assertThat(miss.get("steps").get(0).get("ms").asDouble()).as("GET").isGreaterThanOrEqualTo(1);
    assertThat(miss.get("steps").get(1).get("ms").asDouble())
        .as("SELECT")
        .isGreaterThanOrEqualTo(15);
    assertThat(miss.get("steps").get(2).get("ms").asDouble()).as("SET").isGreaterThanOrEqualTo(2);
  }

  @Test
  void switchingTheNetworkOffMakesEveryStepInProcessFast() {
    SimulatorClient api = new SimulatorClient(port);
    String off =
        "{\"enabled\":false,\"cacheGetMs\":1,\"cacheSetMs\":2,\"cacheDeleteMs\":1,"
            + "\"dbReadMs\":15,\"dbWriteMs\":14}";
    try {
      assertThat(api.put("/api/latency", off).body().get("enabled").asBoolean()).isFalse();
      api.click("write-through", "fast_1", "write");

      SimulatorClient.Answer hit = api.click("write-through", "fast_1", "read");

      assertThat(steps(hit)).containsExactly("HIT");
      assertThat(hit.body().get("entry").get("ms").asDouble()).isLessThan(1);
    } finally {
      api.put("/api/latency", off.replace("false", "true"));
    }
  }
}
