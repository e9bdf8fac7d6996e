package dev.cachalot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.annotations.CacheAside;
import dev.cachalot.annotations.Strategy;
import dev.cachalot.annotations.WriteBehind;
import dev.cachalot.annotations.WriteThrough;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fallback of {@link Cachalot#decorate} for DAO interfaces the processor did not run for. The
 * interfaces below are ordinary test sources, and this module's tests are compiled without the
 * Cachalot processor (with {@code -parameters}, as the root pom sets), so no {@code Cached*} class
 * exists for them and every decorator here is built at run time.
 */
class DynamicFallbackTest {

  /** A cache-aside catalog. */
  interface CatalogDao {
    @CacheAside(cache = "fallback-catalog", ttl = "10m")
    Optional<Product> find(long id);

    @CacheAside(cache = "fallback-catalog", key = "product.id")
    void save(Product product);
  }

  /** Write-through sessions. */
  interface SessionDao {
    @WriteThrough(cache = "fallback-sessions")
    Product find(long id);

    @WriteThrough(cache = "fallback-sessions", key = "product.id")
    void save(Product product);
  }

  /** Write-behind events; the flusher's own schedule is an hour away, so only flush() writes. */
  interface EventDao {
    @WriteBehind(cache = "fallback-events")
    Product find(long id);

    @WriteBehind(cache = "fallback-events", key = "product.id", flushMillis = 3_600_000)
    void record(Product product);
  }

  /** Decorated by the logging test only, so that its warning is logged there. */
  interface LoggedDao {
    @CacheAside(cache = "fallback-logged")
    Product find(long id);
  }

  /** Never decorated successfully: the builder below requires generated decorators. */
  interface RequiredDao {
    @CacheAside(cache = "fallback-required")
    Product find(long id);
  }

  /** A DAO of every interface above but {@link CatalogDao}, over one {@link FakeDb}. */
  static final class JdbcDao implements SessionDao, EventDao, LoggedDao, RequiredDao {
    private final FakeDb db;

    JdbcDao(FakeDb db) {
      this.db = db;
    }

    @Override
    public Product find(long id) {
      return db.find(id);
    }

    @Override
    public void save(Product product) {
      db.save(product);
    }

    @Override
    public void record(Product product) {
      db.save(product);
    }
  }

  /** {@link CatalogDao} reads an Optional, so it needs its own find. */
  static final class JdbcCatalogDao implements CatalogDao {
    private final FakeDb db;

    JdbcCatalogDao(FakeDb db) {
      this.db = db;
    }

    @Override
    public Optional<Product> find(long id) {
      return Optional.ofNullable(db.find(id));
    }

    @Override
    public void save(Product product) {
      db.save(product);
    }
  }

  private final FakeDb db = new FakeDb();
  private final Cachalot cachalot = Cachalot.inMemory();

  @AfterEach
  void close() {
    cachalot.close();
  }

  private static void assertBuiltAtRunTime(Object decorated, Class<?> dao) {
    assertThat(decorated.getClass().getName()).isEqualTo(dao.getName() + "$CachalotDynamic");
  }

  @Test
  void cacheAsideReadHitsAfterTheFirstAndAWriteInvalidates() {
    db.rows.put(1L, new Product(1, "anchor"));

    CatalogDao catalog = cachalot.decorate(CatalogDao.class, new JdbcCatalogDao(db));

    assertBuiltAtRunTime(catalog, CatalogDao.class);
    assertThat(catalog.find(1)).contains(new Product(1, "anchor"));
    assertThat(catalog.find(1)).contains(new Product(1, "anchor"));
    assertThat(db.finds).as("the second read hits").hasValue(1);
    catalog.save(new Product(1, "bigger anchor"));
    assertThat(db.saves).hasValue(1);
    assertThat(catalog.find(1))
        .as("the write invalidated")
        .contains(new Product(1, "bigger anchor"));
    assertThat(db.finds).hasValue(2);
    assertThat(cachalot.cache("fallback-catalog").strategy()).isEqualTo(Strategy.CACHE_ASIDE);
  }

  @Test
  void writeThroughWriteCachesTheValue() {
    SessionDao sessions = cachalot.decorate(SessionDao.class, new JdbcDao(db));

    assertBuiltAtRunTime(sessions, SessionDao.class);
    sessions.save(new Product(7, "session"));
    assertThat(db.rows).containsEntry(7L, new Product(7, "session"));
    assertThat(sessions.find(7)).isEqualTo(new Product(7, "session"));
    assertThat(db.finds).as("the read hits what the write cached").hasValue(0);
    assertThat(cachalot.cache("fallback-sessions").strategy()).isEqualTo(Strategy.WRITE_THROUGH);
  }

  @Test
  void writeBehindWriteReachesTheDelegateOnFlush() {
    EventDao events = cachalot.decorate(EventDao.class, new JdbcDao(db));
    CacheHandle handle = cachalot.cache("fallback-events");

    assertBuiltAtRunTime(events, EventDao.class);
    events.record(new Product(3, "event"));
    assertThat(db.saves).as("not written yet").hasValue(0);
    assertThat(handle.pendingWrites()).isEqualTo(1);
    assertThat(events.find(3)).isEqualTo(new Product(3, "event"));
    assertThat(db.finds).as("the read hits the pending write").hasValue(0);

    handle.flush();

    assertThat(db.saved).containsExactly(new Product(3, "event"));
    assertThat(handle.pendingWrites()).isZero();
    assertThat(handle.strategy()).isEqualTo(Strategy.WRITE_BEHIND);
  }

  @Test
  void requireGeneratedRefusesAnInterfaceWithoutAGeneratedDecorator() {
    try (Cachalot strict = Cachalot.builder().requireGenerated(true).build()) {
      assertThatThrownBy(() -> strict.decorate(RequiredDao.class, new JdbcDao(db)))
          .isExactlyInstanceOf(CachalotException.class)
          .hasMessageContaining(
              "the decorator dev.cachalot.CachedDynamicFallbackTest_RequiredDao was not generated"
                  + " for dev.cachalot.DynamicFallbackTest$RequiredDao")
          .hasMessageContaining("dev.cachalot:cachalot-processor")
          .hasMessageContaining("annotationProcessorPaths");
    }
  }

  /**
   * The fallback logs one warning per interface, however often it is decorated. slf4j-simple (the
   * test binding) writes to whatever {@code System.err} is at the time of the call, so the test
   * swaps it for the duration of the decorate() calls.
   */
  @Test
  void theFallbackWarnsOncePerInterface() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    try (Cachalot other = Cachalot.inMemory()) {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try {
        cachalot.decorate(LoggedDao.class, new JdbcDao(db));
        cachalot.decorate(LoggedDao.class, new JdbcDao(db));
        other.decorate(LoggedDao.class, new JdbcDao(db));
      } finally {
        System.setErr(original);
      }
    }

    List<String> warnings =
        captured
            .toString(StandardCharsets.UTF_8)
            .lines()
            .filter(line -> line.contains(LoggedDao.class.getName()))
            .collect(Collectors.toList());
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .contains("WARN")
        .contains("dev.cachalot.DynamicFallbackTest$LoggedDao")
        .contains("annotationProcessorPaths");
  }
}
