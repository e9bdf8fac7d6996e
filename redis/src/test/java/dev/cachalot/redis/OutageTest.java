package dev.cachalot.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.CachalotException;
import dev.cachalot.store.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis going away under reads and writes, on a redis-server of the test's own (stopped and
 * restarted, or paused and resumed): reads keep working from the database, writes fail clearly
 * after it, and once Redis is back no stale value is served and the near caches work again.
 */
class OutageTest {

  private static final Duration RECOVERY = Duration.ofSeconds(15);

  private final Database database = new Database();
  private final List<Node> nodes = new ArrayList<>();
  private OwnRedisServer server;

  @AfterEach
  void stop() throws Exception {
    try {
      nodes.forEach(Node::close);
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  /** A node on the test's server, with the store's own client and short timeouts. */
  private Node node(UnaryOperator<RedisStore> configure) {
    RedisStore store =
        RedisStore.connect(server.uri())
            .namespace("outage")
            .commandTimeout(Duration.ofMillis(300))
            .connectTimeout(Duration.ofMillis(500))
            .probeInterval(Duration.ofMillis(50));
    Node node = new Node(configure.apply(store), database);
    nodes.add(node);
    return node;
  }

  @Test
  void readsGoToTheDatabaseWhileRedisIsDownAndHitAgainOnceItIsBack() throws Exception {
    server = OwnRedisServer.start();
    Node node = node(RedisStore::withNearCache);
    database.products.put(1L, new Product(1, "anchor", 100));
    node.catalog.find(1);
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    AtomicBoolean reading = new AtomicBoolean(true);
    Thread reader =
        new Thread(
            () -> {
              while (reading.get()) {
                try {
                  node.prices.price(2);
                } catch (Throwable e) {
                  failures.add(e);
                }
              }
            },
            "reader");
    reader.start();

    server.stop();
    Await.until("the breaker opens", RECOVERY, () -> node.stat("products", "breaker.open") == 1);
    int before = node.database.productReads.get();
    long start = System.nanoTime();
    for (int i = 0; i < 50; i++) {
      assertThat(node.catalog.find(1)).contains(new Product(1, "anchor", 100));
    }
    Duration fifty = Duration.ofNanos(System.nanoTime() - start);

    assertThat(node.database.productReads.get() - before).as("every read loaded").isEqualTo(50);
    assertThat(fifty).as("no read waited for a timeout").isLessThan(Duration.ofMillis(300));
    assertThat(node.stat("products", "near.live")).isZero();

    server.launch();
    Await.until("the breaker closes", RECOVERY, () -> node.stat("products", "breaker.open") == 0);
    Await.until("the near cache is live", RECOVERY, () -> node.stat("products", "near.live") == 1);
    reading.set(false);
    reader.join(10_000);
    assertThat(failures).as("reads never failed").isEmpty();
    assertThat(node.database.priceReads).as("the reader kept reading").hasPositiveValue();

    int reads = node.database.productReads.get();
    node.catalog.find(1);
    node.catalog.find(1);
    node.catalog.find(1);
    assertThat(node.database.productReads.get() - reads).as("filled once, then hits").isOne();
    assertThat(node.stat("products", "near.hits")).isPositive();
  }

  @Test
  void writesFailNamingCacheKeyAndCauseAfterTheDatabaseWhileRedisIsDown() throws Exception {
    server = OwnRedisServer.start();
    Node node = node(store -> store);
    database.products.put(1L, new Product(1, "anchor", 100));
    node.catalog.find(1);

    server.stop();
    Await.until("the breaker opens", RECOVERY, () -> node.stat("products", "breaker.open") == 1);

    assertThatThrownBy(() -> node.catalog.save(new Product(1, "anchor", 150)))
        .isInstanceOf(CachalotException.class)
        .hasMessageContaining("cache 'products', key 1: the store failed to remove")
        .hasMessageContaining("Redis at redis://127.0.0.1:" + server.port)
        .hasRootCauseInstanceOf(StoreUnavailableException.class);
    assertThat(database.products.get(1L).priceCents())
        .as("the database was written")
        .isEqualTo(150);
    assertThatThrownBy(() -> node.prices.save(new Price(1, 250)))
        .isInstanceOf(CachalotException.class)
        .hasMessageContaining("cache 'prices', key 1: the store failed to put");
    assertThat(database.prices.get(1L)).isEqualTo(new Price(1, 250));

    server.launch();
    Await.until("the breaker closes", RECOVERY, () -> node.stat("products", "breaker.open") == 0);
    assertThat(node.catalog.find(1)).contains(new Product(1, "anchor", 150));
    assertThat(node.prices.price(1)).contains(new Price(1, 250));
  }

  @Test
  void afterAPauseThatKeptTheDataNoValueWhoseInvalidationWasLostIsServed() throws Exception {
    server = OwnRedisServer.start();
    Node writer = node(RedisStore::withNearCache);
    Node reader = node(RedisStore::withNearCache);
    database.products.put(1L, new Product(1, "anchor", 100));
    database.prices.put(1L, new Price(1, 100));
    writer.catalog.find(1);
    reader.catalog.find(1);
    reader.prices.price(1);
    assertThat(reader.catalog.find(1)).contains(new Product(1, "anchor", 100));

    server.pause(); // like a partition: the data stays, the invalidations cannot reach it
    assertThatThrownBy(() -> writer.catalog.save(new Product(1, "anchor", 150)))
        .isInstanceOf(CachalotException.class)
        .hasMessageContaining("cache 'products', key 1");
    assertThatThrownBy(() -> writer.prices.save(new Price(1, 150)))
        .isInstanceOf(CachalotException.class)
        .hasMessageContaining("cache 'prices', key 1");
    server.resume();

    // The first failed write opened the breaker; the second was never sent: only the new
    // generation the writer moves to when Redis is back keeps the reader from the old price.
    Await.until(
        "the writer recovers", RECOVERY, () -> writer.stat("products", "breaker.open") == 0);
    Await.until(
        "the reader reads what was written during the pause",
        RECOVERY,
        () ->
            reader.prices.price(1).equals(Optional.of(new Price(1, 150)))
                && reader.catalog.find(1).orElseThrow().priceCents() == 150);
    assertThat(writer.stat("prices", "generation")).isOne();
    assertThat(reader.stat("prices", "generation")).isOne();
    assertThat(writer.catalog.find(1)).contains(new Product(1, "anchor", 150));
    assertThat(writer.prices.price(1)).contains(new Price(1, 150));
  }

  @Test
  void aNodeThatStartsWhileRedisIsDownReadsTheDatabaseAndConnectsWhenItComesUp() throws Exception {
    server = OwnRedisServer.notStarted();
    Node node = node(RedisStore::withNearCache);
    database.products.put(1L, new Product(1, "anchor", 100));

    assertThat(node.catalog.find(1)).contains(new Product(1, "anchor", 100));
    assertThat(node.catalog.find(1)).contains(new Product(1, "anchor", 100));
    assertThat(node.database.productReads).hasValue(2);
    assertThat(node.stat("products", "breaker.open")).isOne();

    server.launch();
    Await.until("the store connects", RECOVERY, () -> node.stat("products", "breaker.open") == 0);
    node.catalog.find(1);
    node.catalog.find(1);
    assertThat(node.database.productReads).hasValue(3);
  }
}
