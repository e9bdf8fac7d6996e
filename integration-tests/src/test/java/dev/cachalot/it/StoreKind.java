package dev.cachalot.it;

import dev.cachalot.Cachalot;
import dev.cachalot.redis.RedisStore;
import dev.cachalot.redis.TestRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The stores every behaviour suite runs on: Cachalot's in-process store, and the Redis tier (the
 * server on 127.0.0.1:6379) without and with near caches. The suites' assertions are the same on
 * all three: the promises do not depend on where the entries live.
 */
enum StoreKind {
  /** The default: Caffeine, in process. */
  MEMORY,
  /** One shared cache on Redis. */
  REDIS,
  /** Redis with a near cache in front of it. */
  REDIS_NEAR,
  /** In process, with the write-behind writes kept in a local journal (fsync every write). */
  JOURNAL;

  /** Every decorator path on every store: the parameters of the behaviour suites. */
  static List<Arguments> everyPathOnEveryStore() {
    return combinations(List.of(MEMORY, REDIS, REDIS_NEAR));
  }

  /**
   * Every decorator path on every store and with a journal: the parameters of the write-behind
   * suite, whose promises hold unchanged with a durable log.
   */
  static List<Arguments> everyPathOnEveryStoreAndJournal() {
    return combinations(List.of(values()));
  }

  private static List<Arguments> combinations(List<StoreKind> stores) {
    List<Arguments> all = new ArrayList<>();
    for (DecoratorPath path : DecoratorPath.values()) {
      for (StoreKind store : stores) {
        all.add(Arguments.of(path, store));
      }
    }
    return all;
  }

  /** A fresh Cachalot on this store that decorates along {@code path}. */
  Opened open(DecoratorPath path) {
    Cachalot.Builder builder =
        Cachalot.builder().useGeneratedDecorators(path == DecoratorPath.GENERATED);
    if (this == MEMORY) {
      return new Opened(builder.build(), null, null);
    }
    if (this == JOURNAL) {
      Path directory;
      try {
        directory = Files.createTempDirectory("cachalot-journal-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Opened(builder.journal(directory).build(), null, directory);
    }
    String namespace = TestRedis.namespace();
    RedisStore store = TestRedis.store(namespace);
    return new Opened(
        builder.store(this == REDIS_NEAR ? store.withNearCache() : store).build(), namespace, null);
  }

  /**
   * A Cachalot of a test, the Redis namespace it writes in (null in process) and its journal
   * directory (null without).
   */
  record Opened(Cachalot cachalot, String namespace, Path journal) implements AutoCloseable {

    /**
     * Checks that the namespace holds nothing but the store's own keys, closes the Cachalot and
     * deletes the namespace and the journal.
     */
    @Override
    public void close() {
      try {
        if (namespace != null) {
          TestRedis.assertOnlyCacheKeys(namespace);
        }
      } finally {
        cachalot.close();
        if (namespace != null) {
          TestRedis.deleteNamespace(namespace);
        }
        if (journal != null) {
          deleteTree(journal);
        }
      }
    }
  }

  private static void deleteTree(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the test journal " + directory, e);
    }
  }
}
