package dev.cachalot.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The Redis server the tests run against: the one on 127.0.0.1:6379 ({@code CACHALOT_TEST_REDIS}
 * points elsewhere). A test that cannot reach it fails and says how to start it. Every test works
 * in a namespace of its own, checks what it left there, and deletes it. Public, in the test jar,
 * for the integration suites that run on Redis too.
 */
public final class TestRedis {

  /** The test server's URI as text. */
  public static final String ADDRESS =
      System.getenv().getOrDefault("CACHALOT_TEST_REDIS", "redis://127.0.0.1:6379");

  public static final RedisURI URI = RedisURI.create(ADDRESS);

  private static RedisClient client;
  private static StatefulRedisConnection<String, String> inspector;

  private TestRedis() {}

  /** The client the tests' stores share (creating one per store would cost a thread pool each). */
  public static synchronized RedisClient client() {
    if (client == null) {
      RedisClient created = RedisClient.create();
      try (StatefulRedisConnection<String, String> probe = created.connect(URI)) {
        probe.setTimeout(Duration.ofSeconds(2));
        probe.sync().ping();
      } catch (RuntimeException e) {
        created.shutdown();
        fail(
            "Redis is not reachable at "
                + URI
                + " ("
                + e
                + "). These tests need it; start it with:\n"
                + "  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save \"\""
                + " --appendonly no",
            e);
      }
      client = created;
      Runtime.getRuntime().addShutdownHook(new Thread(created::shutdown, "test-redis-client"));
    }
    return client;
  }

  /** Raw commands on the test server, to look at (and tamper with) what the stores wrote. */
  public static synchronized RedisCommands<String, String> redis() {
    if (inspector == null) {
      inspector = client().connect(URI);
    }
    return inspector.sync();
  }

  /** A namespace no other test uses. */
  public static String namespace() {
    return "t-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }

  /**
   * A store on the test server in {@code namespace}, on the shared client, with timeouts that a
   * loaded 2-core machine does not trip by accident.
   */
  public static RedisStore store(String namespace) {
    return RedisStore.connect(client(), URI)
        .namespace(namespace)
        .commandTimeout(Duration.ofSeconds(2));
  }

  /** Every key of {@code namespace}, found with SCAN. */
  public static List<String> keys(String namespace) {
    List<String> keys = new ArrayList<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page =
          redis().scan(cursor, new ScanArgs().match(namespace + ":*").limit(1000));
      keys.addAll(page.getKeys());
      cursor = page;
    } while (!cursor.isFinished());
    return keys;
  }

  private static final Pattern GENERATION = Pattern.compile("[^:]+:[^:]+:gen");
  private static final Pattern ENTRY = Pattern.compile("[^:]+:[^:]+:(\\d+):(l:)?.+");
  private static final Pattern WRITERS = Pattern.compile("[^:]+:[^:]+:[wd]:.+");

  /**
   * Checks that {@code namespace} holds nothing but the store's own keys (generations, entries of
   * the current generations, leases, writer sets and doubt flags), that everything but generations
   * and entries expires, and that no entry of an older generation is left once the background
   * sweeps are done (waited for, up to a deadline: call it while the nodes are open).
   */
  public static void assertOnlyCacheKeys(String namespace) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      try {
        checkKeys(namespace);
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() - deadline > 0) {
          throw e;
        }
        Thread.yield();
      }
    }
  }

  private static void checkKeys(String namespace) {
    for (String key : keys(namespace)) {
      if (GENERATION.matcher(key).matches()) {
        continue;
      }
      var entry = ENTRY.matcher(key);
      if (entry.matches()) {
        String cache = key.substring(0, key.indexOf(':', namespace.length() + 1));
        String generation = redis().get(cache + ":gen");
        assertThat(entry.group(1))
            .as("the generation of %s (old generations are swept)", key)
            .isEqualTo(generation == null ? "0" : generation);
        if (entry.group(2) != null) {
          assertThat(redis().pttl(key)).as("the lease %s expires", key).isPositive();
        }
        continue;
      }
      assertThat(key).as("a key the store writes").matches(WRITERS);
      assertThat(redis().pttl(key)).as("%s expires", key).isPositive();
    }
  }

  public static void deleteNamespace(String namespace) {
    List<String> keys = keys(namespace);
    if (!keys.isEmpty()) {
      redis().del(keys.toArray(new String[0]));
    }
  }
}
