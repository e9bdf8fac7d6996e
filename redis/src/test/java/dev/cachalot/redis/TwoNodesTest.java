package dev.cachalot.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two Cachalot instances on one Redis and one database, as two nodes of an application: the cache
 * they share, the near caches that stay true, and the cross-node races, forced with gates.
 */
class TwoNodesTest {

  private final String namespace = TestRedis.namespace();
  private final Database database = new Database();
  private final ExecutorService callers = Executors.newCachedThreadPool();
  private final List<Node> nodes = new CopyOnWriteArrayList<>();

  private Node node(UnaryOperator<RedisStore> configure) {
    Node node = new Node(configure.apply(TestRedis.store(namespace)), database);
    nodes.add(node);
    return node;
  }

  private Node node() {
    return node(store -> store);
  }

  private Node nearNode() {
    return node(RedisStore::withNearCache);
  }

  @AfterEach
  void stop() {
    try {
      TestRedis.assertOnlyCacheKeys(namespace);
    } finally {
      nodes.forEach(Node::close);
      callers.shutdownNow();
      TestRedis.deleteNamespace(namespace);
    }
  }

  @Test
  void bothNodesShareOneCache() {
    Node a = node();
    Node b = node();
    database.products.put(1L, new Product(1, "anchor", 100));

    assertThat(a.catalog.find(1)).contains(new Product(1, "anchor", 100));
    assertThat(b.catalog.find(1)).contains(new Product(1, "anchor", 100));

    assertThat(a.database.productReads).hasValue(1);
    assertThat(b.database.productReads).as("a hit on the entry the other node filled").hasValue(0);
    assertThat(b.cache("products").stats().hits()).isOne();
  }

  @Test
  void aWriteThroughWriteOnOneNodeIsAHitOnTheOther() {
    Node a = node();
    Node b = node();

    a.prices.save(new Price(1, 250));

    assertThat(b.prices.price(1)).contains(new Price(1, 250));
    assertThat(b.database.priceReads).hasValue(0);
  }

  @Test
  void aWriteOnOneNodeIsSeenByTheOthersNearCacheWithin100Milliseconds() {
    Node a = nearNode();
    Node b = nearNode();
    database.products.put(1L, new Product(1, "anchor", 100));
    b.catalog.find(1);
    assertThat(b.catalog.find(1)).contains(new Product(1, "anchor", 100));
    assertThat(b.stat("products", "near.hits")).as("b serves it from its near cache").isOne();

    a.catalog.save(new Product(1, "anchor", 150));
    Duration seen =
        Await.until(
            "b reads the new price",
            Duration.ofSeconds(5),
            () -> b.catalog.find(1).orElseThrow().priceCents() == 150);

    assertThat(seen).isLessThan(Duration.ofMillis(100));
    assertThat(b.stat("products", "invalidations.received")).isOne();
  }

  @Test
  void aWriteThroughWriteOnOneNodeIsSeenByTheOthersNearCacheWithin100Milliseconds() {
    Node a = nearNode();
    Node b = nearNode();
    a.prices.save(new Price(1, 250));
    // b's first read must not race the invalidation of that write: the message would (rightly)
    // keep b's near fill out.
    Await.until(
        "b hears the write",
        Duration.ofSeconds(5),
        () -> b.stat("prices", "invalidations.received") == 1);
    b.prices.price(1);
    assertThat(b.prices.price(1)).contains(new Price(1, 250));
    assertThat(b.stat("prices", "near.hits")).isOne();

    a.prices.save(new Price(1, 300));
    Duration seen =
        Await.until(
            "b reads the new price",
            Duration.ofSeconds(5),
            () -> b.prices.price(1).orElseThrow().cents() == 300);

    assertThat(seen).isLessThan(Duration.ofMillis(100));
    assertThat(b.database.priceReads).as("b read a's value from Redis").hasValue(0);
  }

  @Test
  void aNodeIgnoresItsOwnInvalidations() {
    Node a = nearNode();
    Node b = nearNode();
    database.products.put(1L, new Product(1, "anchor", 100));
    a.catalog.find(1);
    b.catalog.find(1);

    a.catalog.save(new Product(1, "anchor", 150));

    Await.until(
        "b hears the invalidation",
        Duration.ofSeconds(5),
        () -> b.stat("products", "invalidations.received") == 1);
    assertThat(a.stat("products", "invalidations.received")).isZero();
    assertThat(a.catalog.find(1)).contains(new Product(1, "anchor", 150));
  }

  @Test
  void aFillThatReadTheDatabaseBeforeAnotherNodesWriteIsRejected() throws Exception {
    Node a = nearNode();
    Node b = nearNode();
    database.products.put(1L, new Product(1, "anchor", 100));
    Gate read = new Gate();
    a.database.afterRead = key -> read.pass();

    CompletableFuture<Optional<Product>> stale =
        CompletableFuture.supplyAsync(() -> a.catalog.find(1), callers);
    read.awaitArrival(); // a holds the lease and has read the old row
    b.catalog.save(new Product(1, "anchor", 150)); // the database, then the invalidation
    read.open();

    assertThat(stale.get(10, TimeUnit.SECONDS)).contains(new Product(1, "anchor", 100));
    assertThat(a.cache("products").stats().staleFillsRejected()).isOne();
    assertThat(TestRedis.keys(namespace)).noneMatch(key -> key.endsWith(":products:0:1"));
    a.database.afterRead = key -> {};
    assertThat(a.catalog.find(1)).contains(new Product(1, "anchor", 150));
    assertThat(b.catalog.find(1)).contains(new Product(1, "anchor", 150));
  }

  @Test
  void aMissWaitsForTheLoadOfAnotherNodeAndUsesItsFill() throws Exception {
    Node a = node();
    Node b = node(store -> store.leaseWait(Duration.ofSeconds(10)));
    database.products.put(1L, new Product(1, "anchor", 100));
    Gate read = new Gate();
    a.database.afterRead = key -> read.pass();

    CompletableFuture<Optional<Product>> loading =
        CompletableFuture.supplyAsync(() -> a.catalog.find(1), callers);
    read.awaitArrival();
    CompletableFuture<Optional<Product>> waiting =
        CompletableFuture.supplyAsync(() -> b.catalog.find(1), callers);
    Await.until(
        "b waits for a's lease",
        Duration.ofSeconds(5),
        () -> b.stat("products", "lease.waits") == 1);
    read.open();

    assertThat(loading.get(10, TimeUnit.SECONDS)).contains(new Product(1, "anchor", 100));
    assertThat(waiting.get(10, TimeUnit.SECONDS)).contains(new Product(1, "anchor", 100));
    assertThat(a.database.productReads).hasValue(1);
    assertThat(b.database.productReads).as("single flight across nodes").hasValue(0);
    assertThat(b.cache("products").stats().hits()).isOne();
  }

  @Test
  void aMissThatWaitedLongEnoughLoadsItselfWithoutFilling() throws Exception {
    Node a = node();
    Node b = node(store -> store.leaseWait(Duration.ofMillis(20)));
    database.products.put(1L, new Product(1, "anchor", 100));
    Gate read = new Gate();
    a.database.afterRead = key -> read.pass();

    CompletableFuture<Optional<Product>> loading =
        CompletableFuture.supplyAsync(() -> a.catalog.find(1), callers);
    read.awaitArrival();
    assertThat(b.catalog.find(1)).contains(new Product(1, "anchor", 100));
    assertThat(b.stat("products", "lease.denied")).isOne();
    read.open();

    assertThat(loading.get(10, TimeUnit.SECONDS)).isPresent();
    assertThat(b.database.productReads).hasValue(1);
    assertThat(a.cache("products").stats().staleFillsRejected()).as("a's lease held").isZero();
    assertThat(b.catalog.find(1)).isPresent();
    assertThat(b.database.productReads).as("a filled").hasValue(1);
  }

  @Test
  void fillsSendNoInvalidationMessagesButWritesDo() throws Exception {
    List<String> messages = new CopyOnWriteArrayList<>();
    StatefulRedisPubSubConnection<String, String> listener =
        TestRedis.client().connectPubSub(TestRedis.URI);
    try {
      listener.addListener(
          new RedisPubSubAdapter<String, String>() {
            @Override
            public void message(String channel, String message) {
              messages.add(message);
            }
          });
      listener.sync().subscribe(namespace + ":invalidations");
      Node a = nearNode();
      Node b = nearNode();
      for (long id = 1; id <= 10; id++) {
        database.products.put(id, new Product(id, "p" + id, id));
        a.catalog.find(id); // misses and fills
        b.catalog.find(id); // hits a's fills, fills its near cache
        a.prices.save(new Price(id, id)); // write-through writes: one message each
        b.prices.price(id);
      }

      b.catalog.save(new Product(1, "anchor", 150));

      // The save invalidates its product, and all of "categories" (@Invalidate(all = true)).
      Await.until("the save's messages arrive", Duration.ofSeconds(5), () -> messages.size() >= 12);
      assertThat(messages.subList(0, 10))
          .allMatch(message -> message.startsWith(a.id() + "\nprices\n0\nK"));
      assertThat(messages.subList(10, 12))
          .containsExactlyInAnyOrder(b.id() + "\nproducts\n0\nK1", b.id() + "\ncategories\n1\n*");
      assertThat(messages).hasSize(12);
    } finally {
      listener.close();
    }
  }

  @Test
  void invalidateAllOnOneNodeIsSeenByTheOther() {
    Node a = nearNode();
    Node b = nearNode();
    database.products.put(1L, new Product(1, "anchor", 100));
    a.catalog.find(1);
    b.catalog.find(1);

    a.cache("products").invalidateAll();

    Await.until(
        "b adopts the new generation",
        Duration.ofSeconds(5),
        () -> b.stat("products", "generation") == 1);
    database.products.put(1L, new Product(1, "anchor", 175));
    assertThat(b.catalog.find(1)).contains(new Product(1, "anchor", 175));
  }
}
