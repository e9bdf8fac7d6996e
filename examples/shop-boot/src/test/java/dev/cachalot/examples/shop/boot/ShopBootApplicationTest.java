package dev.cachalot.examples.shop.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.examples.shop.CachedCatalogDao;
import dev.cachalot.examples.shop.CachedEventDao;
import dev.cachalot.examples.shop.CachedSessionDao;
import dev.cachalot.examples.shop.CatalogDao;
import dev.cachalot.examples.shop.EventDao;
import dev.cachalot.examples.shop.SessionDao;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shop over HTTP: its DAO beans are Cachalot's generated decorators, a second read is a hit,
 * and {@code /actuator/cachalot} and {@code /actuator/metrics} count exactly the traffic sent. The
 * tests share one application, so each uses keys of its own and compares counts before and after
 * its traffic.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "spring.datasource.url=jdbc:h2:mem:shop-boot-test")
class ShopBootApplicationTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  @LocalServerPort int port;

  @Test
  void theDaoBeansAreTheGeneratedDecorators(
      @Autowired CatalogDao catalog, @Autowired SessionDao sessions, @Autowired EventDao events) {
    assertThat(catalog).isInstanceOf(CachedCatalogDao.class);
    assertThat(sessions).isInstanceOf(CachedSessionDao.class);
    assertThat(events).isInstanceOf(CachedEventDao.class);
  }

  @Test
  void theSecondReadOfAProductIsACacheHit() throws Exception {
    double hits = counter("cache.gets", "cache:products", "result:hit");
    double misses = counter("cache.gets", "cache:products", "result:miss");
    long loads = stats("products").get("loads").asLong();

    HttpResponse<String> first = send("GET", "/products/11", null, null);
    HttpResponse<String> second = send("GET", "/products/11", null, null);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(json.readTree(first.body()).get("name").asString()).isEqualTo("lantern #11");
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(counter("cache.gets", "cache:products", "result:miss") - misses).isEqualTo(1);
    assertThat(counter("cache.gets", "cache:products", "result:hit") - hits).isEqualTo(1);
    assertThat(stats("products").get("loads").asLong() - loads)
        .as("one database read for two requests")
        .isEqualTo(1);
  }

  @Test
  void actuatorCachalotDescribesTheThreeCaches() throws Exception {
    JsonNode caches = get("/actuator/cachalot").get("caches");
    assertThat(caches.propertyNames()).containsExactly("events", "products", "sessions");

    JsonNode products = caches.get("products");
    assertThat(products.get("strategy").asString()).isEqualTo("CACHE_ASIDE");
    assertThat(products.get("settings").get("ttl").asString()).isEqualTo("PT10M");
    assertThat(products.get("settings").get("negativeTtl").asString()).isEqualTo("PT30S");
    assertThat(products.get("stats").has("staleFillsRejected")).isTrue();

    JsonNode sessions = caches.get("sessions");
    assertThat(sessions.get("strategy").asString()).isEqualTo("WRITE_THROUGH");
    assertThat(sessions.get("settings").get("ttl").asString()).isEqualTo("PT30M");

    JsonNode events = caches.get("events");
    assertThat(events.get("strategy").asString()).isEqualTo("WRITE_BEHIND");
    assertThat(events.get("settings").get("flushInterval").asString()).isEqualTo("PT1S");
    assertThat(events.get("settings").get("maxBatch").asInt()).isEqualTo(1000);
    assertThat(events.get("settings").get("batchMethod").asString()).isEqualTo("insertAll");
    assertThat(events.has("pendingWrites")).isTrue();

    assertThat(get("/actuator/cachalot/sessions").get("strategy").asString())
        .isEqualTo("WRITE_THROUGH");
    assertThat(send("GET", "/actuator/cachalot/nothing", null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void theMetersCountExactlyTheTrafficSent() throws Exception {
    flushEvents();
    long eventsInDatabase = Long.parseLong(send("GET", "/events/count", null, null).body());
    double sessionWrites = counter("cache.writes", "cache:sessions");
    double sessionHits = counter("cache.gets", "cache:sessions", "result:hit");
    double productHits = counter("cache.gets", "cache:products", "result:hit");
    double productMisses = counter("cache.gets", "cache:products", "result:miss");
    double productWrites = counter("cache.writes", "cache:products");
    double eventWrites = counter("cache.writes", "cache:events");

    // A login: one write-through write, which caches the session.
    HttpResponse<String> login = send("POST", "/sessions", "{\"user\":\"ann\"}", null);
    assertThat(login.statusCode()).isEqualTo(201);
    String token = json.readTree(login.body()).get("token").asString();
    // Five page views of product 21: each checks the session (a hit), reads the product (a miss,
    // then hits) and records an event (a write-behind write).
    for (int view = 0; view < 5; view++) {
      assertThat(send("POST", "/products/21/views", "", token).statusCode()).isEqualTo(202);
    }
    // A price change: a cache-aside write, which invalidates the product; the next read misses.
    assertThat(send("PUT", "/products/21/price", "{\"priceCents\":1999}", null).statusCode())
        .isEqualTo(200);
    assertThat(
            json.readTree(send("GET", "/products/21", null, null).body())
                .get("priceCents")
                .asLong())
        .isEqualTo(1999);

    assertThat(counter("cache.writes", "cache:sessions") - sessionWrites).isEqualTo(1);
    assertThat(counter("cache.gets", "cache:sessions", "result:hit") - sessionHits).isEqualTo(5);
    // Reads of product 21: 5 views, the price change's own read, the read after it.
    assertThat(counter("cache.gets", "cache:products", "result:miss") - productMisses).isEqualTo(2);
    assertThat(counter("cache.gets", "cache:products", "result:hit") - productHits).isEqualTo(5);
    assertThat(counter("cache.writes", "cache:products") - productWrites).isEqualTo(1);
    assertThat(counter("cache.writes", "cache:events") - eventWrites).isEqualTo(5);

    flushEvents();
    assertThat(gauge("cache.writes.pending", "cache:events")).isZero();
    assertThat(Long.parseLong(send("GET", "/events/count", null, null).body()) - eventsInDatabase)
        .isEqualTo(5);
  }

  @Test
  void aPageViewNeedsAValidSession() throws Exception {
    assertThat(send("POST", "/products/1/views", "", "no-such-token").statusCode()).isEqualTo(401);
    HttpResponse<String> login = send("POST", "/sessions", "{\"user\":\"bob\"}", null);
    String token = json.readTree(login.body()).get("token").asString();
    assertThat(send("GET", "/sessions/" + token, null, null).statusCode()).isEqualTo(200);
    assertThat(send("DELETE", "/sessions/" + token, null, null).statusCode()).isEqualTo(204);
    // Written through: the logout removed the cached session too.
    assertThat(send("GET", "/sessions/" + token, null, null).statusCode()).isEqualTo(404);
    assertThat(send("POST", "/products/1/views", "", token).statusCode()).isEqualTo(401);
  }

  @Test
  void healthIncludesCachalot() throws Exception {
    JsonNode cachalot = get("/actuator/health").get("components").get("cachalot");
    assertThat(cachalot.get("status").asString()).isEqualTo("UP");
    assertThat(cachalot.get("details").get("caches").asInt()).isEqualTo(3);
  }

  private void flushEvents() throws Exception {
    assertThat(send("POST", "/actuator/cachalot/events/flush", "", null).statusCode())
        .isEqualTo(200);
  }

  private JsonNode stats(String cache) throws Exception {
    return get("/actuator/cachalot/" + cache).get("stats");
  }

  private double counter(String name, String... tags) throws Exception {
    return measurement(name, "COUNT", tags);
  }

  private double gauge(String name, String... tags) throws Exception {
    return measurement(name, "VALUE", tags);
  }

  private double measurement(String name, String statistic, String... tags) throws Exception {
    StringBuilder path = new StringBuilder("/actuator/metrics/").append(name);
    for (int i = 0; i < tags.length; i++) {
      path.append(i == 0 ? '?' : '&')
          .append("tag=")
          .append(URLEncoder.encode(tags[i], StandardCharsets.UTF_8));
    }
    for (JsonNode measurement : get(path.toString()).get("measurements")) {
      if (measurement.get("statistic").asString().equals(statistic)) {
        return measurement.get("value").asDouble();
      }
    }
    throw new AssertionError(name + " has no " + statistic);
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = send("GET", path, null, null);
    assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
    return json.readTree(response.body());
  }

  private HttpResponse<String> send(String method, String path, String body, String session)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (session != null) {
      request.header("X-Session", session);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
