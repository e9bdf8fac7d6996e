package dev.cachalot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.Cachalot;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cache-aside decorator, generated and built at run time, on every store (in process, Redis,
 * Redis with a near cache), against a stand-in DAO that counts calls.
 */
@ParameterizedClass
@MethodSource("dev.cachalot.it.StoreKind#everyPathOnEveryStore")
class CacheAsideDecoratorTest {

  @Parameter(0)
  DecoratorPath path;

  @Parameter(1)
  StoreKind store;

  private final InMemoryProductDao database = new InMemoryProductDao();
  private StoreKind.Opened opened;
  private Cachalot cachalot;
  private ProductDao dao;

  @BeforeEach
  void decorate() {
    opened = store.open(path);
    cachalot = opened.cachalot();
    dao = cachalot.decorate(ProductDao.class, database);
    database.rows.put(1L, new Product(1, "anchor", 100));
    database.categories.put(1L, "marine");
  }

  @AfterEach
  void close() {
    opened.close();
  }

  @Test
  void decorateReturnsTheDecoratorOfThePath() {
    assertThat(dao.getClass().getName()).isEqualTo(path.decoratorName(ProductDao.class));
  }

  @Test
  void readsHitAfterTheFirstLoad() {
    assertThat(dao.findById(1)).contains(new Product(1, "anchor", 100));
    assertThat(dao.findById(1)).contains(new Product(1, "anchor", 100));
    assertThat(dao.findById(1)).contains(new Product(1, "anchor", 100));

    assertThat(database.calls.of("findById")).isEqualTo(1);
    assertThat(cachalot.cache("products").stats().hits()).isEqualTo(2);
    assertThat(cachalot.cache("products").stats().misses()).isEqualTo(1);
  }

  @Test
  void absenceIsCachedOnlyWithNegativeTtl() {
    assertThat(dao.findById(404)).isEmpty();
    assertThat(dao.findById(404)).isEmpty();
    assertThat(database.calls.of("findById")).isEqualTo(1);

    assertThat(dao.findByName("nothing", true)).isNull();
    assertThat(dao.findByName("nothing", true)).isNull();
    assertThat(database.calls.of("findByName")).isEqualTo(2);
  }

  @Test
  void aWriteGoesToTheDatabaseThenInvalidates() {
    dao.findById(1);
    dao.findByName("anchor", true);
    dao.findByCategory("marine");

    dao.save(new Product(1, "anchor", 150));

    assertThat(database.rows.get(1L).priceCents()).isEqualTo(150);
    assertThat(dao.findById(1)).contains(new Product(1, "anchor", 150));
    assertThat(database.calls.of("findById")).isEqualTo(2);
    // @Invalidate(cache = "productsByName", key = "product.name") and all of productsByCategory.
    dao.findByName("anchor", true);
    assertThat(database.calls.of("findByName")).isEqualTo(2);
    dao.findByCategory("marine");
    assertThat(database.calls.of("findByCategory")).isEqualTo(2);
  }

  @Test
  void aWriteThatReturnsSomethingReturnsItAndInvalidates() {
    dao.findById(1);
    assertThat(dao.update(new Product(1, "anchor", 175))).isEqualTo(1);
    assertThat(dao.update(new Product(99, "ghost", 1))).isZero();
    assertThat(dao.findById(1)).contains(new Product(1, "anchor", 175));
    assertThat(database.calls.of("findById")).isEqualTo(2);
  }

  @Test
  void aFailedWriteInvalidatesTheKeyAndRethrowsUnchanged() {
    dao.findById(1);
    IllegalStateException failure = new IllegalStateException("disk full");
    database.failWrites = failure;

    assertThatThrownBy(() -> dao.save(new Product(1, "anchor", 999))).isSameAs(failure);

    // The database may have applied a write that then failed (a lost commit acknowledgement), so
    // the key is invalidated: the next read loads what the database holds.
    assertThat(dao.findById(1)).contains(new Product(1, "anchor", 100));
    assertThat(database.calls.of("findById")).isEqualTo(2);
  }

  @Test
  void aDeleteInvalidates() {
    dao.findById(1);
    dao.delete(1);
    assertThat(database.rows).doesNotContainKey(1L);
    assertThat(dao.findById(1)).isEmpty();
    assertThat(database.calls.of("findById")).isEqualTo(2);
  }

  @Test
  void invalidateRunsAfterAnUnannotatedMethod() {
    dao.findById(1);
    dao.reprice(1, 120);
    assertThat(dao.findById(1)).contains(new Product(1, "anchor", 120));
    assertThat(database.calls.of("findById")).isEqualTo(2);

    assertThat(dao.findByCategory("marine")).containsExactly(new Product(1, "anchor", 120));
    dao.recategorize();
    assertThat(dao.findByCategory("marine")).isEmpty();
    assertThat(dao.findByCategory("marine-new")).containsExactly(new Product(1, "anchor", 120));
    assertThat(database.calls.of("findByCategory")).isEqualTo(3);
  }

  @Test
  void unannotatedMethodsAreDelegatedUntouched() {
    assertThat(dao.count()).isEqualTo(1);
    assertThat(dao.count()).isEqualTo(1);
    assertThat(database.calls.of("count")).isEqualTo(2);
  }

  @Test
  void genericValueTypesAreCachedWhole() {
    List<Product> first = dao.findByCategory("marine");
    List<Product> second = dao.findByCategory("marine");
    assertThat(second).isEqualTo(first).containsExactly(new Product(1, "anchor", 100));
    assertThat(database.calls.of("findByCategory")).isEqualTo(1);
  }

  @Test
  void twoDecoratorsOfOneInterfaceShareTheCache() {
    ProductDao other = cachalot.decorate(ProductDao.class, database);
    assertThat(dao.findById(1)).isPresent();
    assertThat(other.findById(1)).isPresent();
    assertThat(database.calls.of("findById")).isEqualTo(1);
    other.delete(1);
    assertThat(dao.findById(1)).isEqualTo(Optional.empty());
  }
}
