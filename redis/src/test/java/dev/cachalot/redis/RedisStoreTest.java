package dev.cachalot.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.Cachalot;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One node on the real Redis: what it writes there, and how it reads it back. */
class RedisStoreTest {

  private final String namespace = TestRedis.namespace();
  private final Database database = new Database();
  private Node node;

  @BeforeEach
  void start() {
    node = new Node(TestRedis.store(namespace), database);
    database.products.put(1L, new Product(1, "anchor", 100));
  }

  @AfterEach
  void stop() {
    try {
      TestRedis.assertOnlyCacheKeys(namespace);
    } finally {
      node.close();
      TestRedis.deleteNamespace(namespace);
    }
  }

  private String entry(String cache, String key) {
    String generation = TestRedis.redis().get(namespace + ":" + cache + ":gen");
    return namespace + ":" + cache + ":" + (generation == null ? "0" : generation) + ":" + key;
  }

  @Test
  void aReadLoadsOnceThenHitsTheEntryInRedisWhichExpiresWithTheCachesTtl() {
    assertThat(node.catalog.find(1)).contains(new Product(1, "anchor", 100));
    assertThat(node.catalog.find(1)).contains(new Product(1, "anchor", 100));

    assertThat(node.database.productReads).hasValue(1);
    assertThat(node.stat("products", "remote.hits")).isOne();
    assertThat(TestRedis.redis().get(entry("products", "1")))
        .isEqualTo(
            "{\"v\":1,\"t\":\"dev.cachalot.redis.Product\",\"d\":{\"id\":1,\"name\":\"anchor\","
                + "\"priceCents\":100,\"updatedAt\":\"2024-05-01T10:15:30.123456789Z\"}}");
    assertThat(TestRedis.redis().pttl(entry("products", "1")))
        .isBetween(Duration.ofMinutes(9).toMillis(), Duration.ofMinutes(10).toMillis());
  }

  @Test
  void anAbsenceIsRememberedInRedisWithTheNegativeTtl() {
    assertThat(node.catalog.find(404)).isEmpty();
    assertThat(node.catalog.find(404)).isEmpty();

    assertThat(node.database.productReads).hasValue(1);
    assertThat(TestRedis.redis().get(entry("products", "404")))
        .isEqualTo("{\"v\":1,\"t\":\"dev.cachalot.redis.Product\",\"absent\":true}");
    assertThat(TestRedis.redis().pttl(entry("products", "404")))
        .isBetween(1L, Duration.ofSeconds(30).toMillis());
  }

  @Test
  void aWriteRemovesTheEntrySoTheNextReadLoadsTheNewRow() {
    node.catalog.find(1);

    node.catalog.save(new Product(1, "anchor", 150));

    assertThat(TestRedis.redis().exists(entry("products", "1"))).isZero();
    assertThat(node.catalog.find(1)).contains(new Product(1, "anchor", 150));
    assertThat(node.database.productReads).hasValue(2);
  }

  @Test
  void genericValueTypesAreStoredWhole() {
    database.categories.put(1L, "marine");

    List<Product> first = node.catalog.inCategory("marine");
    List<Product> second = node.catalog.inCategory("marine");

    assertThat(second).isEqualTo(first).containsExactly(new Product(1, "anchor", 100));
    assertThat(node.database.categoryReads).hasValue(1);
    assertThat(TestRedis.redis().get(entry("categories", "\"marine\"")))
        .startsWith("{\"v\":1,\"t\":\"java.util.List<dev.cachalot.redis.Product>\",\"d\":[{");
  }

  @Test
  void writeThroughStoresWhatItWritesAndReadsHitIt() {
    node.prices.save(new Price(1, 250));

    assertThat(node.prices.price(1)).contains(new Price(1, 250));
    assertThat(node.database.priceReads).hasValue(0);
    assertThat(TestRedis.redis().get(entry("prices", "1")))
        .isEqualTo(
            "{\"v\":1,\"t\":\"dev.cachalot.redis.Price\",\"d\":{\"productId\":1,\"cents\":250}}");

    node.prices.deletePrice(1);
    assertThat(TestRedis.redis().exists(entry("prices", "1"))).isZero();
    assertThat(node.prices.price(1)).isEmpty();
  }

  @Test
  void invalidateAllMovesToANewGenerationAndSweepsTheOldOneInTheBackground() {
    for (long id = 1; id <= 20; id++) {
      database.products.put(id, new Product(id, "p" + id, id));
      node.catalog.find(id);
    }
    assertThat(TestRedis.keys(namespace)).hasSize(20);

    node.cache("products").invalidateAll();

    assertThat(TestRedis.redis().get(namespace + ":products:gen")).isEqualTo("1");
    assertThat(node.stat("products", "generation")).isOne();
    node.catalog.find(1);
    assertThat(node.database.productReads).as("the old generation is not read").hasValue(21);
    Await.until(
        "the old generation is swept",
        Duration.ofSeconds(5),
        () -> TestRedis.keys(namespace).stream().noneMatch(key -> key.contains(":products:0:")));
    assertThat(TestRedis.keys(namespace))
        .containsExactlyInAnyOrder(namespace + ":products:gen", namespace + ":products:1:1");
  }

  @Test
  void aCorruptEntryIsAMissThatTheNextFillReplaces() {
    node.catalog.find(1);
    TestRedis.redis().set(entry("products", "1"), "{\"v\":1,\"t\":\"dev.cachalot.redis.Prod");

    assertThat(node.catalog.find(1)).contains(new Product(1, "anchor", 100));
    assertThat(node.stat("products", "decode.failures")).isPositive();
    assertThat(node.database.productReads).hasValue(2);

    assertThat(TestRedis.redis().get(entry("products", "1"))).startsWith("{\"v\":1,");
    assertThat(node.catalog.find(1)).contains(new Product(1, "anchor", 100));
    assertThat(node.database.productReads).as("the fill replaced it").hasValue(2);
  }

  @Test
  void foreignEntriesAreMissesThatTheNextFillReplaces() {
    List<String> foreign =
        List.of(
            "{\"v\":1,\"t\":\"java.lang.String\",\"d\":\"anchor\"}", // another value type
            "{\"v\":2,\"t\":\"dev.cachalot.redis.Product\",\"d\":{}}", // a newer envelope
            "{\"v\":1,\"t\":\"dev.cachalot.redis.Product\",\"d\":{\"id\":1}}", // an older shape
            "\u00ac\u00ed\u0000\u0005sr", // Java serialization
            "plain text");
    int reads = 0;
    for (String bytes : foreign) {
      TestRedis.redis().set(entry("products", "1"), bytes);
      assertThat(node.catalog.find(1)).as(bytes).contains(new Product(1, "anchor", 100));
      assertThat(node.database.productReads).as(bytes).hasValue(++reads);
      assertThat(TestRedis.redis().get(entry("products", "1"))).as(bytes).startsWith("{\"v\":1,");
    }
    TestRedis.redis().del(entry("products", "1"));
    TestRedis.redis().hset(entry("products", "1"), "a", "hash");
    assertThat(node.catalog.find(1)).contains(new Product(1, "anchor", 100));
    assertThat(TestRedis.redis().type(entry("products", "1"))).isEqualTo("string");
    assertThat(node.stat("products", "decode.failures")).isGreaterThanOrEqualTo(foreign.size() + 1);
  }

  @Test
  void ttlJitterShortensTheTtlOnTheServerAsInProcess() {
    try (Cachalot jittered =
        Cachalot.builder().store(TestRedis.store(namespace)).ttlJitter(0.5).build()) {
      CatalogDao catalog = jittered.decorate(CatalogDao.class, database.dao());
      for (long id = 1; id <= 20; id++) {
        database.products.put(id, new Product(id, "p" + id, id));
        catalog.find(id);
      }
      long shortest = Long.MAX_VALUE;
      for (long id = 1; id <= 20; id++) {
        long ttl = TestRedis.redis().pttl(entry("products", Long.toString(id)));
        assertThat(ttl)
            .isBetween(Duration.ofMinutes(5).toMillis() - 1000, Duration.ofMinutes(10).toMillis());
        shortest = Math.min(shortest, ttl);
      }
      assertThat(shortest)
          .as("some TTL was shortened")
          .isLessThan(Duration.ofMinutes(9).toMillis());
    }
  }

  @Test
  void theStoreCountsItsRoundTripsAndHits() {
    long atStart = node.stat("products", "remote.roundTrips"); // the generation's GET
    node.catalog.find(1); // GET (miss), LEASE (which is the engine's second look), FILL
    node.catalog.find(1); // GET (hit)

    assertThat(node.stat("products", "remote.roundTrips") - atStart).isEqualTo(4);
    assertThat(node.stats("products"))
        .containsEntry("remote.hits", 1L)
        .containsEntry("remote.misses", 1L)
        .containsEntry("decode.failures", 0L)
        .containsEntry("breaker.open", 0L)
        .containsEntry("near.hits", 0L)
        .doesNotContainKey("near.size");
    assertThat(node.cache("products").stats().hits()).isOne();
    assertThat(node.cache("products").stats().misses()).isOne();
    assertThat(Optional.ofNullable(node.stats("products").get("generation"))).contains(0L);
  }
}
