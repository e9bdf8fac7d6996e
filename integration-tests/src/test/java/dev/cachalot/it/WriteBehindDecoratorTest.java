package dev.cachalot.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.Cachalot;
import dev.cachalot.CacheHandle;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The write-behind decorator, generated and built at run time, on every store (in process, Redis,
 * Redis with a near cache) and with a local journal, against a stand-in DAO that counts calls.
 */
@ParameterizedClass
@MethodSource("dev.cachalot.it.StoreKind#everyPathOnEveryStoreAndJournal")
class WriteBehindDecoratorTest {

  @Parameter(0)
  DecoratorPath path;

  @Parameter(1)
  StoreKind store;

  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final InMemoryPageViewDao database = new InMemoryPageViewDao();
  private StoreKind.Opened opened;
  private Cachalot cachalot;
  private PageViewDao dao;

  @BeforeEach
  void decorate() {
    opened = store.open(path);
    cachalot = opened.cachalot();
    dao = cachalot.decorate(PageViewDao.class, database);
  }

  @AfterEach
  void close() {
    database.gate.countDown();
    opened.close();
  }

  @Test
  void aWriteReturnsBeforeTheDatabaseHasItAndIsReadableAtOnce() {
    database.gate = new CountDownLatch(1);

    dao.record(new PageView(1, "/home"));

    assertThat(dao.find(1)).isEqualTo(new PageView(1, "/home"));
    assertThat(database.views).isEmpty();
    assertThat(cachalot.cache("pageViews").pendingWrites()).isEqualTo(1);
    assertThat(database.calls.of("find")).isZero();

    database.gate.countDown();
    Await.until("the view is in the database", PATIENCE, () -> database.views.containsKey(1L));
    Await.until(
        "nothing is pending", PATIENCE, () -> cachalot.cache("pageViews").pendingWrites() == 0);
  }

  @Test
  void writesReachTheDatabaseOnTheirOwnThroughTheBatchMethodInBatchesOfMaxBatch() {
    for (long id = 1; id <= 7; id++) {
      dao.record(new PageView(id, "/p" + id));
    }

    Await.until("all 7 views are in the database", PATIENCE, () -> database.views.size() == 7);
    assertThat(database.batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 3));
    assertThat(database.batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(7);
    assertThat(database.calls.of("record")).isZero();
  }

  @Test
  void aPendingWriteIsReadFromTheBufferWhenTheCacheLostIt() {
    database.gate = new CountDownLatch(1);
    dao.record(new PageView(2, "/cart"));
    cachalot.cache("pageViews").invalidateAll();

    assertThat(dao.find(2)).isEqualTo(new PageView(2, "/cart"));
    assertThat(database.calls.of("find")).isZero();
  }

  @Test
  void repeatedWritesToOneKeyAreCoalescedIntoTheLast() {
    for (long value = 1; value <= 10; value++) {
      dao.setCounter("visits", value);
    }
    assertThat(dao.counter("visits")).isEqualTo(10L);
    CacheHandle counters = cachalot.cache("counters");
    assertThat(counters.pendingWrites()).isEqualTo(1);

    counters.flush();

    assertThat(database.counterWrites).containsExactly(10L);
    assertThat(counters.pendingWrites()).isZero();
  }

  @Test
  void aDeleteRemovesAtOnceAndIsWrittenInOrder() {
    database.views.put(3L, new PageView(3, "/old"));
    database.gate = new CountDownLatch(1);
    dao.record(new PageView(3, "/new"));
    dao.remove(3);

    assertThat(dao.find(3)).isNull();
    assertThat(database.calls.of("find")).isZero();

    database.gate.countDown();
    cachalot.cache("pageViews").flush();
    assertThat(database.views).doesNotContainKey(3L);
    assertThat(database.calls.of("remove")).isEqualTo(1);
  }

  @Test
  void closeWritesEveryPendingWrite() {
    dao.setCounter("signups", 42L);
    assertThat(database.counters).isEmpty();

    cachalot.close();

    assertThat(database.counters).containsEntry("signups", 42L);
  }
}
