package dev.cachalot.it.compiled;

import static dev.cachalot.it.compiled.Compiled.call;
import static dev.cachalot.it.compiled.Compiled.construct;
import static dev.cachalot.it.compiled.Compiled.decorate;
import static dev.cachalot.it.compiled.Compiled.delegate;
import static dev.cachalot.it.compiled.Compiled.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.Cachalot;
import dev.cachalot.CacheSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DAOs that are valid but tricky: each compiles without errors or warnings, and then runs, so that
 * the test checks what the generated decorator does (the accessor a key path calls, the ttl that
 * applies), not only that a file was generated.
 */
class ValidDaosTest {

  private final Cachalot cachalot = Cachalot.inMemory();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  @AfterEach
  void close() {
    cachalot.close();
  }

  private int calls(String method) {
    return calls.computeIfAbsent(method, m -> new AtomicInteger()).get();
  }

  private void count(String method) {
    calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
  }

  @Test
  void aKeyPathThroughAGetterCallsTheGetter() throws Throwable {
    Compiled compiled =
        Compiled.of(
            source(
                "ProductDao",
                "public interface ProductDao {",
                "  final class Product {",
                "    public static int getterCalls;",
                "    private final long id;",
                "",
                "    public Product(long id) {",
                "      this.id = id;",
                "    }",
                "",
                "    public long getId() {",
                "      getterCalls++;",
                "      return id;",
                "    }",
                "  }",
                "",
                "  @CacheAside(cache = \"products\")",
                "  Product find(long id);",
                "",
                "  @CacheAside(cache = \"products\", key = \"product.id\")",
                "  void save(Product product);",
                "}"));
    Class<?> dao = compiled.type("ProductDao");
    Class<?> product = compiled.type("ProductDao$Product");
    Object one = construct(product, 1L);
    Object decorated =
        decorate(
            cachalot,
            dao,
            delegate(
                dao,
                (proxy, method, args) -> {
                  count(method.getName());
                  return method.getName().equals("find") ? one : null;
                }));

    call(decorated, "find", 1L);
    call(decorated, "find", 1L);
    call(decorated, "save", one);
    call(decorated, "find", 1L);

    assertThat(product.getField("getterCalls").getInt(null)).as("getId() computed the key").isOne();
    assertThat(calls("find")).as("the save invalidated key 1 after one hit").isEqualTo(2);
  }

  @Test
  void aKeyPathThroughARecordComponentKeysTheWriteThroughPut() throws Throwable {
    Compiled compiled =
        Compiled.of(
            source(
                "ProductDao",
                "public interface ProductDao {",
                "  record Product(long id, String name) {}",
                "",
                "  @WriteThrough(cache = \"products\")",
                "  Optional<Product> find(long id);",
                "",
                "  @WriteThrough(cache = \"products\", key = \"product.id\")",
                "  void save(Product product);",
                "}"));
    Class<?> dao = compiled.type("ProductDao");
    Object anchor = construct(compiled.type("ProductDao$Product"), 7L, "anchor");
    Object decorated = decorate(cachalot, dao, countingDelegate(dao, Optional.empty()));

    call(decorated, "save", anchor);

    assertThat(call(decorated, "find", 7L)).isEqualTo(Optional.of(anchor));
    assertThat(calls("find")).as("the write cached the product under id() = 7").isZero();
  }

  @Test
  void aKeyPathThroughAPublicFieldReadsTheField() throws Throwable {
    Compiled compiled =
        Compiled.of(
            source(
                "ProductDao",
                "public interface ProductDao {",
                "  final class Session {",
                "    public String token;",
                "  }",
                "",
                "  @WriteThrough(cache = \"sessions\")",
                "  Session find(String token);",
                "",
                "  @WriteThrough(cache = \"sessions\", key = \"session.token\")",
                "  void save(Session session);",
                "}"));
    Class<?> dao = compiled.type("ProductDao");
    Object session = construct(compiled.type("ProductDao$Session"));
    session.getClass().getField("token").set(session, "t-1");
    Object decorated = decorate(cachalot, dao, countingDelegate(dao, null));

    call(decorated, "save", session);

    assertThat(call(decorated, "find", "t-1")).isSameAs(session);
    assertThat(calls("find")).isZero();
  }

  @Test
  void aKeyOfSeveralPartsComparesEveryPartAndInvalidatesByAllOfThem() throws Throwable {
    Compiled compiled =
        Compiled.of(
            source(
                "ProductDao",
                "public interface ProductDao {",
                "  record Product(long id, String name) {}",
                "",
                "  @CacheAside(cache = \"products\")",
                "  Product find(String tenant, long id);",
                "",
                "  @CacheAside(cache = \"products\", key = \"tenant, product.id\")",
                "  void save(String tenant, Product product);",
                "",
                "  @Invalidate(cache = \"products\", key = \"tenant, id\")",
                "  void touch(String tenant, long id, String reason);",
                "}"));
    Class<?> dao = compiled.type("ProductDao");
    Object anchor = construct(compiled.type("ProductDao$Product"), 1L, "anchor");
    Object decorated = decorate(cachalot, dao, countingDelegate(dao, anchor));

    call(decorated, "find", "acme", 1L);
    call(decorated, "find", "acme", 1L);
    call(decorated, "find", "other", 1L);
    assertThat(calls("find")).as("(acme, 1) hit; (other, 1) is another key").isEqualTo(2);

    call(decorated, "save", "acme", anchor);
    call(decorated, "find", "acme", 1L);
    call(decorated, "find", "other", 1L);
    assertThat(calls("find")).as("the save invalidated (acme, 1) only").isEqualTo(3);

    call(decorated, "touch", "other", 1L, "repriced");
    call(decorated, "find", "other", 1L);
    assertThat(calls("find")).as("touch invalidated (other, 1)").isEqualTo(4);
  }

  @Test
  void aWriteKeyedByItsResultCachesTheValueTheDatabaseReturned() throws Throwable {
    Compiled compiled =
        Compiled.of(
            source(
                "ProductDao",
                "public interface ProductDao {",
                "  record Product(long id, String name) {}",
                "",
                "  @WriteThrough(cache = \"products\")",
                "  Product find(long id);",
                "",
                "  @WriteThrough(cache = \"products\", key = \"result.id\")",
                "  Product insert(String name);",
                "}"));
    Class<?> dao = compiled.type("ProductDao");
    Object inserted = construct(compiled.type("ProductDao$Product"), 42L, "anchor");
    Object decorated = decorate(cachalot, dao, countingDelegate(dao, inserted));

    assertThat(call(decorated, "insert", "anchor")).isSameAs(inserted);

    assertThat(call(decorated, "find", 42L)).isSameAs(inserted);
    assertThat(calls("find")).as("cached under the generated id 42").isZero();
  }

  @Test
  void keyAndCacheValueMarkersChooseTheKeyAndTheValue() throws Throwable {
    Compiled compiled =
        Compiled.of(
            source(
                "ProductDao",
                "public interface ProductDao {",
                "  record Product(long id, String name) {}",
                "",
                "  @WriteThrough(cache = \"products\")",
                "  Product find(String tenant, long id);",
                "",
                "  @WriteThrough(cache = \"products\")",
                "  void save(@Key String tenant, @Key long id, @CacheValue Product product, int"
                    + " version);",
                "}"));
    Class<?> dao = compiled.type("ProductDao");
    Object anchor = construct(compiled.type("ProductDao$Product"), 3L, "anchor");
    Object decorated = decorate(cachalot, dao, countingDelegate(dao, null));

    call(decorated, "save", "acme", 3L, anchor, 12);

    assertThat(call(decorated, "find", "acme", 3L)).isSameAs(anchor);
    assertThat(calls("find")).isZero();
  }

  @Test
  void aBatchMethodTakingAnIterableOfASupertypeWritesTheBatch() throws Throwable {
    Compiled compiled =
        Compiled.of(
            source(
                "ProductDao",
                "public interface ProductDao {",
                "  record Event(long id, String name) {}",
                "",
                "  @WriteBehind(cache = \"events\", key = \"event.id\", batchMethod = \"recordAll\",",
                "      flushMillis = 3_600_000)",
                "  void record(Event event);",
                "",
                "  void recordAll(Iterable<? super Event> events);",
                "}"));
    Class<?> dao = compiled.type("ProductDao");
    Class<?> event = compiled.type("ProductDao$Event");
    List<List<Object>> batches = new ArrayList<>();
    Object decorated =
        decorate(
            cachalot,
            dao,
            delegate(
                dao,
                (proxy, method, args) -> {
                  count(method.getName());
                  List<Object> batch = new ArrayList<>();
                  ((Iterable<?>) args[0]).forEach(batch::add);
                  batches.add(batch);
                  return null;
                }));

    call(decorated, "record", construct(event, 1L, "view"));
    call(decorated, "record", construct(event, 2L, "click"));
    cachalot.cache("events").flush();

    assertThat(batches).hasSize(1);
    assertThat(batches.get(0)).hasSize(2);
    assertThat(calls("record")).as("no write value by value").isZero();
  }

  @Test
  void settingsRepeatedIdenticallyAreTheCachesSettings() {
    Compiled compiled =
        Compiled.of(
            source(
                "ProductDao",
                "public interface ProductDao {",
                "  record Event(long id, String name) {}",
                "",
                "  @WriteBehind(",
                "      cache = \"events\",",
                "      key = \"event.id\",",
                "      ttl = \"10m\",",
                "      flushMillis = 250,",
                "      maxBatch = 100,",
                "      capacity = 1000,",
                "      batchMethod = \"recordAll\")",
                "  void record(Event event);",
                "",
                "  @WriteBehind(",
                "      cache = \"events\",",
                "      ttl = \"PT10M\",",
                "      flushMillis = 250,",
                "      maxBatch = 100,",
                "      capacity = 1000,",
                "      batchMethod = \"recordAll\")",
                "  void recordAgain(@Key long id, @CacheValue Event event);",
                "",
                "  void recordAll(List<Event> events);",
                "}"));
    Class<?> dao = compiled.type("ProductDao");
    decorate(cachalot, dao, countingDelegate(dao, null));

    CacheSpec spec = cachalot.cache("events").spec();
    assertThat(spec.ttl()).contains(Duration.ofMinutes(10));
    assertThat(spec.flushInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(spec.maxBatch()).isEqualTo(100);
    assertThat(spec.capacity()).isEqualTo(1000);
    assertThat(spec.batchMethod()).contains("recordAll");
  }

  @Test
  void invalidateAllRunsAfterAnUnannotatedMethodAndACacheNoOneDeclaredIsANoOp() throws Throwable {
    Compiled compiled =
        Compiled.of(
            source(
                "ProductDao",
                "public interface ProductDao {",
                "  @CacheAside(cache = \"products\")",
                "  String find(long id);",
                "",
                "  @Invalidate(cache = \"products\", all = true)",
                "  void reload();",
                "",
                "  @Invalidate(cache = \"prices\", all = true)",
                "  void reprice(String reason);",
                "}"));
    Class<?> dao = compiled.type("ProductDao");
    Object decorated = decorate(cachalot, dao, countingDelegate(dao, "anchor"));

    call(decorated, "find", 1L);
    call(decorated, "reload");
    call(decorated, "find", 1L);
    call(decorated, "reprice", "sale");

    assertThat(calls("find")).isEqualTo(2);
    assertThat(calls("reload")).isOne();
    assertThat(calls("reprice")).isOne();
  }

  @Test
  void aNestedInterfaceHasItsOwnDecorator() {
    Compiled compiled =
        Compiled.of(
            source(
                "Shop",
                "public class Shop {",
                "  public interface ProductDao {",
                "    @CacheAside(cache = \"products\", ttl = \"10m\")",
                "    String find(long id);",
                "  }",
                "}"));
    Class<?> dao = compiled.type("Shop$ProductDao");

    Object decorated = decorate(cachalot, dao, countingDelegate(dao, "anchor"));

    assertThat(decorated.getClass().getName()).isEqualTo("test.CachedShop_ProductDao");
    assertThat(cachalot.cache("products").spec().ttl()).contains(Duration.ofMinutes(10));
  }

  @Test
  void cacheDefaultsGiveTheCacheNameAndTtl() throws Throwable {
    Compiled compiled =
        Compiled.of(
            source(
                "ProductDao",
                "@CacheDefaults(cache = \"products\", ttl = \"1d\")",
                "public interface ProductDao {",
                "  @CacheAside(negativeTtl = \"500ms\")",
                "  Optional<String> find(long id);",
                "",
                "  @CacheAside",
                "  void delete(long id);",
                "",
                "  @Invalidate",
                "  void touch(long id);",
                "}"));
    Class<?> dao = compiled.type("ProductDao");
    Object decorated = decorate(cachalot, dao, countingDelegate(dao, Optional.empty()));

    CacheSpec spec = cachalot.cache("products").spec();
    assertThat(spec.ttl()).contains(Duration.ofDays(1));
    assertThat(spec.negativeTtl()).contains(Duration.ofMillis(500));
    call(decorated, "find", 1L);
    call(decorated, "find", 1L);
    assertThat(calls("find")).as("the absence was remembered").isOne();
    call(decorated, "touch", 1L);
    call(decorated, "find", 1L);
    assertThat(calls("find")).as("touch invalidated key 1").isEqualTo(2);
  }

  /** A delegate that counts its calls and answers every method that returns with {@code value}. */
  private Object countingDelegate(Class<?> dao, Object value) {
    Map<String, Object> unused = new HashMap<>();
    return delegate(
        dao,
        (proxy, method, args) -> {
          count(method.getName());
          unused.clear();
          return method.getReturnType() == void.class ? null : value;
        });
  }
}
