package dev.cachalot.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Write-through writes of one key from two nodes, forced through every interleaving of their steps:
 * the announcement before the database call (b), the database write (w) and the cache change after
 * it (c). In process a key lock orders them; across nodes, Redis must end equal to the database or
 * empty (delete on doubt), and hold the value when the writes did not overlap.
 */
class RedisWriteThroughTest {

  private static final long KEY = 1;

  private final String namespace = TestRedis.namespace();
  private final Database database = new Database();
  private final ExecutorService callers = Executors.newCachedThreadPool();
  private final List<Node> nodes = new ArrayList<>();

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

  /**
   * Every order of a's steps b, w, c among b's: the 20 interleavings, with and without near caches.
   */
  static Stream<Arguments> interleavings() {
    List<Arguments> all = new ArrayList<>();
    for (int mask = 0; mask < 64; mask++) {
      if (Integer.bitCount(mask) != 3) {
        continue;
      }
      StringBuilder schedule = new StringBuilder();
      int a = 0;
      int b = 0;
      for (int i = 0; i < 6; i++) {
        boolean isA = (mask & (1 << i)) != 0;
        char step = "bwc".charAt(isA ? a++ : b++);
        schedule.append(schedule.length() == 0 ? "" : " ").append(isA ? "A" : "B").append(step);
      }
      all.add(Arguments.of(schedule.toString(), false));
      all.add(Arguments.of(schedule.toString(), true));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}, near cache {1}")
  @MethodSource("interleavings")
  void twoNodesWritingOneKeyLeaveRedisEqualToTheDatabaseOrEmpty(String schedule, boolean near)
      throws Exception {
    Node a = node(near);
    Node b = node(near);
    database.prices.put(KEY, new Price(KEY, 1));
    assertThat(a.prices.price(KEY)).contains(new Price(KEY, 1)); // cached before the writes
    b.prices.price(KEY);
    Writer writerA = new Writer(a, new Price(KEY, 100));
    Writer writerB = new Writer(b, new Price(KEY, 200));

    for (String step : schedule.split(" ")) {
      Writer writer = step.charAt(0) == 'A' ? writerA : writerB;
      switch (step.charAt(1)) {
        case 'b' -> writer.begin();
        case 'w' -> writer.write();
        default -> writer.complete();
      }
    }

    Price inDatabase = database.prices.get(KEY);
    Optional<Price> inRedis = cached(a);
    assertThat(inRedis.orElse(inDatabase)).as("Redis after " + schedule).isEqualTo(inDatabase);
    if (!overlap(schedule)) {
      assertThat(inRedis).as("the later write is cached after " + schedule).contains(inDatabase);
    }
    for (Node node : nodes) {
      node.database.beforeWrite = key -> {};
      node.database.afterWrite = key -> {};
      assertThat(node.prices.price(KEY)).as("a read after " + schedule).contains(inDatabase);
    }
  }

  @Test
  void aWriteWhoseDatabaseCallFailedAfterApplyingLeavesNothingStale() throws Exception {
    Node a = node(true);
    Node b = node(true);
    database.prices.put(KEY, new Price(KEY, 1));
    a.prices.price(KEY);
    Writer writerA = new Writer(a, new Price(KEY, 100));
    Writer writerB = new Writer(b, new Price(KEY, 200));
    a.database.failAfterWrite = new IllegalStateException("the commit's acknowledgement was lost");

    writerA.begin();
    writerB.begin();
    writerB.write();
    writerA.write(); // applied last, then fails
    writerB.complete();
    assertThatThrownBy(writerA::complete)
        .hasRootCauseMessage("the commit's acknowledgement was lost");

    assertThat(database.prices.get(KEY)).isEqualTo(new Price(KEY, 100));
    assertThat(cached(a)).isEmpty();
    a.database.failAfterWrite = null;
    a.database.beforeWrite = key -> {};
    a.database.afterWrite = key -> {};
    assertThat(a.prices.price(KEY)).contains(new Price(KEY, 100));
    assertThat(b.prices.price(KEY)).contains(new Price(KEY, 100));
  }

  @Test
  void aWriteThatOutlivesItsWriterTimeoutDeletesInsteadOfStoring() throws Exception {
    Node a = node(false, java.time.Duration.ofMillis(200));
    database.prices.put(KEY, new Price(KEY, 1));
    Writer writer = new Writer(a, new Price(KEY, 100));

    writer.begin();
    writer.write();
    long expired = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
    Await.until(
        "the writer's deadline passed",
        java.time.Duration.ofSeconds(5),
        () -> System.nanoTime() - expired > 0);
    writer.complete();

    assertThat(cached(a)).isEmpty();
  }

  private Node node(boolean near) {
    return node(near, java.time.Duration.ofSeconds(30));
  }

  private Node node(boolean near, java.time.Duration writerTimeout) {
    RedisStore store = TestRedis.store(namespace).writerTimeout(writerTimeout);
    Node node = new Node(near ? store.withNearCache() : store, database);
    nodes.add(node);
    return node;
  }

  /** What Redis holds for the key, read past every node's near cache. */
  private Optional<Price> cached(Node node) {
    String generation = TestRedis.redis().get(namespace + ":prices:gen");
    String json =
        TestRedis.redis()
            .get(namespace + ":prices:" + (generation == null ? "0" : generation) + ":" + KEY);
    if (json == null) {
      return Optional.empty();
    }
    return Optional.of(
        (Price)
            new JsonCodec()
                .decodeValue(node.cache("prices").spec(), json.getBytes(StandardCharsets.UTF_8)));
  }

  /** Whether the two writers' [b, c] intervals overlap in {@code schedule}. */
  private static boolean overlap(String schedule) {
    List<String> steps = List.of(schedule.split(" "));
    return steps.indexOf("Bb") < steps.indexOf("Ac") && steps.indexOf("Ab") < steps.indexOf("Bc");
  }

  /** One write-through write on one node, driven step by step. */
  private final class Writer {
    private final Node node;
    private final Price price;
    private final CountDownLatch began = new CountDownLatch(1);
    private final CountDownLatch written = new CountDownLatch(1);
    private final Gate write = new Gate();
    private final Gate complete = new Gate();
    private CompletableFuture<Void> call;

    Writer(Node node, Price price) {
      this.node = node;
      this.price = price;
    }

    /** Starts the write; returns once it was announced and its database call began. */
    void begin() throws InterruptedException {
      node.database.beforeWrite =
          key -> {
            began.countDown();
            write.pass();
          };
      node.database.afterWrite =
          key -> {
            written.countDown();
            complete.pass();
          };
      call = CompletableFuture.runAsync(() -> node.prices.save(price), callers);
      assertThat(began.await(10, TimeUnit.SECONDS)).as("the write began").isTrue();
    }

    /** Lets the database call change the row; returns once it did. */
    void write() throws InterruptedException {
      write.open();
      assertThat(written.await(10, TimeUnit.SECONDS)).as("the row was written").isTrue();
    }

    /** Lets the database call return; returns once the cache change was made. */
    void complete() throws Exception {
      complete.open();
      call.get(10, TimeUnit.SECONDS);
    }
  }
}
