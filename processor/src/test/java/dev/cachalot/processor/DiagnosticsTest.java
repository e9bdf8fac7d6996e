package dev.cachalot.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.cachalot.rules.Message;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The compile-time errors of the processor: one test per {@link Message}, each compiling a small
 * DAO with exactly one mistake and checking that javac fails with the message (what is wrong and
 * what to write instead) on the offending element or annotation value; then valid but tricky DAOs
 * that must compile without errors or warnings.
 *
 * <p>{@link Message#UNEXPECTED} has no test: it reports a crash of the processor itself, which no
 * source can trigger on purpose.
 */
class DiagnosticsTest {

  /** The message a test is about; {@link #everyMessageHasATest()} checks that none is missing. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface Covers {
    Message value();
  }

  private static final List<String> IMPORTS =
      List.of(
          "package test;",
          "",
          "import dev.cachalot.annotations.CacheAside;",
          "import dev.cachalot.annotations.CacheDefaults;",
          "import dev.cachalot.annotations.CacheValue;",
          "import dev.cachalot.annotations.Invalidate;",
          "import dev.cachalot.annotations.Key;",
          "import dev.cachalot.annotations.WriteBehind;",
          "import dev.cachalot.annotations.WriteThrough;",
          "import java.util.List;",
          "import java.util.Optional;",
          "import java.util.Set;",
          "");

  /** A source file {@code test.<name>} with Cachalot's annotations imported. */
  private static JavaFileObject source(String name, String... lines) {
    List<String> all = new ArrayList<>(IMPORTS);
    all.addAll(List.of(lines));
    return JavaFileObjects.forSourceLines("test." + name, all);
  }

  /** A source file {@code test.ProductDao}. */
  private static JavaFileObject dao(String... lines) {
    return source("ProductDao", lines);
  }

  private static Compilation compile(JavaFileObject... sources) {
    return javac()
        .withProcessors(new CachalotProcessor())
        .withOptions("-Xlint:all,-processing")
        .compile(sources);
  }

  @Test
  void everyMessageHasATest() {
    Set<Message> covered = EnumSet.noneOf(Message.class);
    for (Method method : DiagnosticsTest.class.getDeclaredMethods()) {
      Covers covers = method.getAnnotation(Covers.class);
      if (covers != null) {
        covered.add(covers.value());
      }
    }
    Set<Message> missing = EnumSet.complementOf(EnumSet.copyOf(covered));
    missing.remove(Message.UNEXPECTED);
    // Only the run-time fallback can lack parameter names; the runtime suite covers it.
    missing.remove(Message.PARAMETER_NAMES_MISSING);
    assertThat(missing).as("messages without a test").isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // The interface
  // ---------------------------------------------------------------------------------------------

  @Test
  @Covers(Message.NOT_AN_INTERFACE)
  void annotatedClassInsteadOfInterfaceIsAnError() {
    JavaFileObject source =
        dao(
            "public abstract class ProductDao {",
            "  @CacheAside(cache = \"products\")",
            "  public abstract String find(long id);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@CacheAside is on method ProductDao.find(long) of class ProductDao: Cachalot decorates"
                + " interfaces only. Declare the annotated methods in an interface that ProductDao"
                + " implements, and annotate them there")
        .inFile(source)
        .onLineContaining("public abstract String find(long id);");
  }

  @Test
  @Covers(Message.NOT_AN_INTERFACE)
  void cacheDefaultsOnAClassIsAnErrorOnTheClass() {
    JavaFileObject source =
        dao(
            "@CacheDefaults(cache = \"products\")",
            "public abstract class ProductDao {",
            "  public abstract String find(long id);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@CacheDefaults is on class ProductDao: Cachalot decorates interfaces only")
        .inFile(source)
        .onLineContaining("public abstract class ProductDao");
  }

  @Test
  @Covers(Message.GENERIC_INTERFACE)
  void genericInterfaceIsAnError() {
    JavaFileObject source =
        source(
            "Repository",
            "public interface Repository<T> {",
            "  @CacheAside(cache = \"products\")",
            "  String find(long id);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "interface Repository has type parameters <T>: Cachalot needs the key and value types"
                + " at compile time. Annotate the methods in a non-generic interface that gives"
                + " them concrete types, for example interface ProductStore extends"
                + " Repository<Product>, and redeclare them there")
        .inFile(source)
        .onLineContaining("public interface Repository<T>");
  }

  @Test
  @Covers(Message.PRIVATE_INTERFACE)
  void privateNestedInterfaceIsAnError() {
    JavaFileObject source =
        source(
            "Outer",
            "public class Outer {",
            "  private interface ProductDao {",
            "    @CacheAside(cache = \"products\")",
            "    String find(long id);",
            "  }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "interface ProductDao is private, so the generated CachedOuter_ProductDao cannot"
                + " implement it: make it package-private or public")
        .inFile(source)
        .onLineContaining("private interface ProductDao");
  }

  @Test
  @Covers(Message.UNRESOLVED_TYPES)
  void typeThatNeverResolvesIsExplained() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @CacheAside(cache = \"products\")",
            "  Missing find(long id);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    // javac's own "cannot find symbol" on Missing, plus the processor's explanation of why no
    // decorator was generated.
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("cannot find symbol");
    assertThat(compilation)
        .hadErrorContaining(
            "Cachalot could not generate ProductDao because Missing never resolved; fix the"
                + " errors about it first")
        .inFile(source)
        .onLineContaining("public interface ProductDao");
  }

  // ---------------------------------------------------------------------------------------------
  // The method
  // ---------------------------------------------------------------------------------------------

  @Test
  @Covers(Message.GENERIC_METHOD)
  void genericMethodIsAnError() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @CacheAside(cache = \"products\")",
            "  <T> T find(long id);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "ProductDao.find(long) has type parameters <T>: a cached method needs concrete key and"
                + " value types. Declare it without type parameters, for example Product find(long"
                + " id)")
        .inFile(source)
        .onLineContaining("<T> T find(long id);");
  }

  @Test
  @Covers(Message.STATIC_METHOD)
  void annotatedStaticMethodIsAnError() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @CacheAside(cache = \"products\")",
            "  static String find(long id) {",
            "    return null;",
            "  }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@CacheAside is on static method ProductDao.find(long), which a decorator cannot"
                + " intercept: remove the annotation or make it an abstract interface method")
        .inFile(source)
        .onLineContaining("static String find(long id)");
  }

  @Test
  @Covers(Message.TWO_STRATEGIES)
  void twoStrategiesOnOneMethodIsAnError() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @CacheAside(cache = \"products\")",
            "  @WriteThrough(cache = \"products\")",
            "  String find(long id);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "ProductDao.find(long) has both @CacheAside and @WriteThrough: one method uses one"
                + " strategy. Keep one of them")
        .inFile(source)
        .onLineContaining("@WriteThrough(cache = \"products\")");
  }

  // ---------------------------------------------------------------------------------------------
  // Cache names, durations and settings
  // ---------------------------------------------------------------------------------------------

  @Test
  @Covers(Message.NO_CACHE_NAME)
  void noCacheNameAndNoCacheDefaultsIsAnError() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @CacheAside(ttl = \"10m\")",
            "  String find(long id);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "@CacheAside on ProductDao.find(long) names no cache: write @CacheAside(cache ="
                + " \"...\") or put @CacheDefaults(cache = \"...\") on interface ProductDao")
        .inFile(source)
        .onLineContaining("@CacheAside(ttl = \"10m\")");
  }

  @Test
  @Covers(Message.MALFORMED_DURATION)
  void malformedDurationIsAnErrorOnTheTtlValue() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @CacheAside(",
            "      cache = \"products\",",
            "      ttl = \"10 minutes\")",
            "  String find(long id);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "ttl = \"10 minutes\" is not a duration: write a positive number followed by ms, s,"
                + " m, h or d (500ms, 30s, 10m, 2h, 1d), or ISO-8601 such as PT10M")
        .inFile(source)
        .onLineContaining("ttl = \"10 minutes\"");
  }

  @Test
  @Covers(Message.MALFORMED_DURATION)
  void malformedDurationInCacheDefaultsIsAnErrorOnTheTtlValue() {
    JavaFileObject source =
        dao(
            "@CacheDefaults(",
            "    cache = \"products\",",
            "    ttl = \"ten minutes\")",
            "public interface ProductDao {",
            "  @CacheAside",
            "  String find(long id);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("ttl = \"ten minutes\" is not a duration: write a positive number")
        .inFile(source)
        .onLineContaining("ttl = \"ten minutes\"");
  }

  @Test
  @Covers(Message.NON_POSITIVE_DURATION)
  void zeroDurationIsAnErrorOnTheValue() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @CacheAside(",
            "      cache = \"products\",",
            "      negativeTtl = \"0s\")",
            "  String find(long id);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "negativeTtl = \"0s\" is not positive: write a duration greater than zero, such as"
                + " 30s, or leave negativeTtl empty")
        .inFile(source)
        .onLineContaining("negativeTtl = \"0s\"");
  }

  @Test
  @Covers(Message.NON_POSITIVE_SETTING)
  void nonPositiveWriteBehindSettingIsAnErrorOnTheValue() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @WriteBehind(",
            "      cache = \"events\",",
            "      maxBatch = 0)",
            "  void record(@Key long id, String event);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "maxBatch = 0 must be at least 1: write a positive number, or leave it out")
        .inFile(source)
        .onLineContaining("maxBatch = 0");
  }

  @Test
  @Covers(Message.CAPACITY_BELOW_MAX_BATCH)
  void capacityBelowMaxBatchIsAnErrorOnTheCapacity() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @WriteBehind(",
            "      cache = \"events\",",
            "      maxBatch = 500,",
            "      capacity = 100)",
            "  void record(@Key long id, String event);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "capacity = 100 is smaller than maxBatch = 500 for cache \"events\": the buffer must"
                + " hold a whole batch. Raise capacity to at least 500")
        .inFile(source)
        .onLineContaining("capacity = 100");
  }

  @Test
  @Covers(Message.SETTING_CONFLICT)
  void differingWriteBehindSettingsAreAnErrorOnTheLaterValue() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @WriteBehind(cache = \"events\", flushMillis = 250)",
            "  void record(@Key long id, String event);",
            "",
            "  @WriteBehind(",
            "      cache = \"events\",",
            "      flushMillis = 500)",
            "  void recordAgain(@Key long id, String event);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "cache \"events\" has flushMillis = 500 here but 250 on ProductDao.record(long,"
                + " String): a cache's settings are given once, or repeated identically. Remove"
                + " one of them or make them equal")
        .inFile(source)
        .onLineContaining("flushMillis = 500");
  }

  @Test
  @Covers(Message.BATCH_METHOD_MISSING)
  void batchMethodThatDoesNotExistIsAnErrorOnTheValue() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @WriteBehind(",
            "      cache = \"events\",",
            "      batchMethod = \"recordAll\")",
            "  void record(@Key long id, String event);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "batchMethod = \"recordAll\": interface ProductDao has no method recordAll. Declare"
                + " void recordAll(List<String> values) in ProductDao, or remove batchMethod")
        .inFile(source)
        .onLineContaining("batchMethod = \"recordAll\"");
  }

  @Test
  @Covers(Message.BATCH_METHOD_WRONG_PARAMETERS)
  void batchMethodWithWrongElementTypeIsAnErrorOnTheValue() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @WriteBehind(",
            "      cache = \"events\",",
            "      batchMethod = \"recordAll\")",
            "  void record(@Key long id, String event);",
            "",
            "  void recordAll(List<Integer> events);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "batchMethod = \"recordAll\": ProductDao.recordAll(List<Integer>) must take exactly"
                + " one Collection, List or Iterable of String, the value type of cache"
                + " \"events\"; declare it as void recordAll(List<String> values)")
        .inFile(source)
        .onLineContaining("batchMethod = \"recordAll\"");
  }

  @Test
  @Covers(Message.BATCH_METHOD_WRONG_PARAMETERS)
  void batchMethodTakingASetIsAnErrorOnTheValue() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @WriteBehind(",
            "      cache = \"events\",",
            "      batchMethod = \"recordAll\")",
            "  void record(@Key long id, String event);",
            "",
            "  void recordAll(Set<String> events);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "ProductDao.recordAll(Set<String>) must take exactly one Collection, List or Iterable"
                + " of String")
        .inFile(source)
        .onLineContaining("batchMethod = \"recordAll\"");
  }

  // ---------------------------------------------------------------------------------------------
  // Keys
  // ---------------------------------------------------------------------------------------------

  @Test
  @Covers(Message.MALFORMED_KEY)
  void malformedKeyExpressionIsAnErrorOnTheValue() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @CacheAside(",
            "      cache = \"products\",",
            "      key = \"id + 1\")",
            "  String find(long id);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "key = \"id + 1\" is not a key expression: write parameter names or property paths"
                + " separated by commas, such as \"id\", \"product.id\" or \"tenant, product.id\"")
        .inFile(source)
        .onLineContaining("key = \"id + 1\"");
  }

  @Test
  @Covers(Message.KEY_AND_KEY_PARAMETERS)
  void keyGivenTwiceIsAnErrorOnTheValue() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @CacheAside(",
            "      cache = \"products\",",
            "      key = \"id\")",
            "  String find(@Key long id, String locale);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "ProductDao.find(long, String) gives its key twice, with key = \"id\" and with @Key on"
                + " id: keep one of the two")
        .inFile(source)
        .onLineContaining("key = \"id\"");
  }

  @Test
  @Covers(Message.KEY_UNKNOWN_PARAMETER)
  void keyNamingAMissingParameterIsAnErrorOnTheValue() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @CacheAside(",
            "      cache = \"products\",",
            "      key = \"productId\")",
            "  String find(long id);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "key = \"productId\": ProductDao.find(long) has no parameter named productId; its"
                + " parameters are id. Start each key part with one of them")
        .inFile(source)
        .onLineContaining("key = \"productId\"");
  }

  @Test
  @Covers(Message.KEY_UNKNOWN_PROPERTY)
  void keyPathToMissingPropertyIsAnErrorOnTheValue() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  record Product(long id, String name) {}",
            "",
            "  @WriteThrough(",
            "      cache = \"products\",",
            "      key = \"product.sku\")",
            "  void save(Product product);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "key = \"product.sku\": Product has no property sku. Write a record component sku(), a"
                + " getter getSku() or isSku(), or a public field sku, or use one of its"
                + " properties: id, name")
        .inFile(source)
        .onLineContaining("key = \"product.sku\"");
  }

  @Test
  @Covers(Message.KEY_UNKNOWN_PROPERTY)
  void keyPathToPrivateFieldIsAnErrorOnTheValue() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  final class Product {",
            "    private long id;",
            "  }",
            "",
            "  @WriteThrough(",
            "      cache = \"products\",",
            "      key = \"product.id\")",
            "  void save(Product product);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "key = \"product.id\": Product has no property id. Write a record component id(), a"
                + " getter getId() or isId(), or a public field id, or use one of its properties:"
                + " (it has none)")
        .inFile(source)
        .onLineContaining("key = \"product.id\"");
  }

  @Test
  @Covers(Message.KEY_PROPERTY_OF_NON_OBJECT)
  void keyPathThroughAPrimitiveIsAnErrorOnTheValue() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @CacheAside(",
            "      cache = \"products\",",
            "      key = \"id.value\")",
            "  String find(long id);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "key = \"id.value\": id is a long and has no property value; end the key path before"
                + " .value")
        .inFile(source)
        .onLineContaining("key = \"id.value\"");
  }

  @Test
  @Covers(Message.KEY_RESULT_NOT_ALLOWED)
  void resultInACacheAsideReadIsAnErrorOnTheValue() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  record Product(long id, String name) {}",
            "",
            "  @CacheAside(",
            "      cache = \"products\",",
            "      key = \"result.id\")",
            "  Product find(long id);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "key = \"result.id\" uses result, which names the value a write-through write"
                + " returns, but ProductDao.find(long) is @CacheAside. Use @WriteThrough on a"
                + " write that returns the value type, or build the key from the parameters")
        .inFile(source)
        .onLineContaining("key = \"result.id\"");
  }

  @Test
  @Covers(Message.RESULT_NOT_VALUE_TYPE)
  void resultThatIsNotTheValueTypeIsAnErrorOnTheValue() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  record Product(long id, String name) {}",
            "",
            "  @WriteThrough(cache = \"products\")",
            "  Product find(long id);",
            "",
            "  @WriteThrough(",
            "      cache = \"products\",",
            "      key = \"result\")",
            "  long insert(@CacheValue Product product);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "key = \"result\" uses result, but ProductDao.insert(ProductDao.Product) returns long,"
                + " not the value type of cache \"products\" (test.ProductDao.Product). Return the"
                + " value type, or build the key from the parameters")
        .inFile(source)
        .onLineContaining("key = \"result\"");
  }

  @Test
  @Covers(Message.NO_KEY)
  void readWithoutParametersIsAnError() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @CacheAside(cache = \"products\")",
            "  String findAll();",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "ProductDao.findAll() has no parameter to build a key from: add a key parameter, for"
                + " example findAll(long id), or write key = \"...\" over its parameters")
        .inFile(source)
        .onLineContaining("String findAll();");
  }

  @Test
  @Covers(Message.KEY_TYPE_CONFLICT)
  void twoKeyTypesInOneCacheIsAnError() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @CacheAside(cache = \"products\")",
            "  String find(long id);",
            "",
            "  @CacheAside(key = \"sku\", cache = \"products\")",
            "  String findBySku(String sku);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "cache \"products\" has key type java.lang.String here but java.lang.Long on"
                + " ProductDao.find(long): one cache has one key type. Use another cache name, or"
                + " derive the same key, for example with key = \"...\"")
        .inFile(source)
        .onLineContaining("@CacheAside(key = \"sku\", cache = \"products\")");
  }

  // ---------------------------------------------------------------------------------------------
  // Roles and values
  // ---------------------------------------------------------------------------------------------

  @Test
  @Covers(Message.TWO_CACHE_VALUES)
  void twoCacheValuesIsAnError() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @WriteThrough(cache = \"products\")",
            "  void save(long id, @CacheValue String name, @CacheValue String description);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "ProductDao.save(long, String, String) marks name and description with @CacheValue: a"
                + " write stores one value. Keep @CacheValue on one of them")
        .inFile(source)
        .onLineContaining("void save(long id, @CacheValue String name");
  }

  @Test
  @Covers(Message.AMBIGUOUS_VALUE)
  void ambiguousValueParameterIsAnError() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @WriteThrough(cache = \"products\")",
            "  void save(long id, String name);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "cannot tell which parameter of ProductDao.save(long, String) is the value to cache:"
                + " id, name could each be. Mark the value with @CacheValue, or mark the key"
                + " parameters with @Key")
        .inFile(source)
        .onLineContaining("void save(long id, String name);");
  }

  @Test
  @Covers(Message.WRITE_BEHIND_RETURNS_VALUE)
  void writeBehindWriteThatReturnsAValueIsAnError() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @WriteBehind(cache = \"events\")",
            "  long record(@Key long id, @CacheValue String event);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "ProductDao.record(long, String) is a write-behind write but returns long: the"
                + " database has not seen the write when the call returns, so there is nothing to"
                + " return. Declare it void, or use @WriteThrough to get the database's result")
        .inFile(source)
        .onLineContaining("long record(@Key long id, @CacheValue String event);");
  }

  @Test
  @Covers(Message.VALUE_TYPE_CONFLICT)
  void aWriteReturningACountWithoutCacheValueIsAReadAndTheConflictSaysToMarkTheValue() {
    // A method that returns a value and has no @CacheValue is a read (DESIGN.md's first role);
    // next to the cache's real read its value type differs, and the message says how to make it
    // the write it was meant to be.
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @WriteBehind(cache = \"events\")",
            "  String find(long id);",
            "",
            "  @WriteBehind(cache = \"events\")",
            "  int record(@Key long id, String event);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "cache \"events\" has value type java.lang.Integer here but java.lang.String on"
                + " ProductDao.find(long)")
        .inFile(source)
        .onLineContaining("int record(@Key long id, String event);");
    assertThat(compilation)
        .hadErrorContaining(
            "if this method is a write that returns something else, mark the value it stores with"
                + " @CacheValue");
  }

  @Test
  @Covers(Message.NO_VALUE_TYPE)
  void cacheWithoutReadOrWriteIsAnError() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @CacheAside(cache = \"products\")",
            "  void delete(long id);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "cache \"products\" is @CacheAside but none of the methods declared with it reads or"
                + " writes it, so its value type is unknown. Declare its read or write method here,"
                + " or replace @CacheAside on ProductDao.delete(long) with @Invalidate(cache ="
                + " \"products\")")
        .inFile(source)
        .onLineContaining("void delete(long id);");
  }

  @Test
  void errorOnTheReadDoesNotCascadeIntoNoValueTypeOnTheDelete() {
    // One mistake (the ttl of the read), one error: the read's failure must not make the delete
    // of the same cache look like a cache that nothing reads or writes.
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @CacheAside(",
            "      cache = \"products\",",
            "      ttl = \"10 minutes\")",
            "  String find(long id);",
            "",
            "  @CacheAside(cache = \"products\")",
            "  void delete(long id);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("ttl = \"10 minutes\" is not a duration")
        .inFile(source)
        .onLineContaining("ttl = \"10 minutes\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  @Covers(Message.NOT_AN_INTERFACE)
  void keyOnAParameterOfAClassIsAnErrorOnTheParameter() {
    JavaFileObject source =
        dao(
            "public abstract class ProductDao {",
            "  public abstract String find(@Key long id);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("@Key is on parameter id of ProductDao.find(long) in class ProductDao")
        .inFile(source)
        .onLineContaining("public abstract String find(@Key long id);");
    assertThat(compilation).hadErrorContaining("Cachalot decorates interfaces only");
  }

  // ---------------------------------------------------------------------------------------------
  // One strategy, key type and value type per cache
  // ---------------------------------------------------------------------------------------------

  @Test
  @Covers(Message.STRATEGY_CONFLICT)
  void twoStrategiesInOneCacheIsAnError() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @CacheAside(cache = \"products\")",
            "  String find(long id);",
            "",
            "  @WriteThrough(cache = \"products\")",
            "  void save(@Key long id, String name);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "cache \"products\" is @WriteThrough here but @CacheAside on ProductDao.find(long):"
                + " one cache has one strategy. Use another cache name for one of them, or the"
                + " same strategy on both")
        .inFile(source)
        .onLineContaining("@WriteThrough(cache = \"products\")");
  }

  @Test
  @Covers(Message.STRATEGY_CONFLICT)
  void twoStrategiesInOneCacheAcrossInterfacesIsAnError() {
    JavaFileObject catalog =
        source(
            "CatalogDao",
            "public interface CatalogDao {",
            "  @CacheAside(cache = \"products\")",
            "  String find(long id);",
            "}");
    JavaFileObject admin =
        source(
            "AdminDao",
            "public interface AdminDao {",
            "  @WriteThrough(cache = \"products\")",
            "  String find(long id);",
            "}");

    Compilation compilation = compile(catalog, admin);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("one cache has one strategy");
    // The error lands on whichever of the two uses is registered second; either is the offending
    // element, so check that it is one of the two annotations.
    Diagnostic<? extends JavaFileObject> error = compilation.errors().get(0);
    assertThat(error.getSource()).isIn(catalog, admin);
    String line =
        (error.getSource() == catalog ? "@CacheAside" : "@WriteThrough") + "(cache = \"products\")";
    assertThat(error.getLineNumber()).isEqualTo(lineOf(error.getSource(), line));
  }

  @Test
  @Covers(Message.VALUE_TYPE_CONFLICT)
  void twoValueTypesInOneCacheIsAnError() {
    JavaFileObject source =
        dao(
            "public interface ProductDao {",
            "  @CacheAside(cache = \"products\")",
            "  String find(long id);",
            "",
            "  @CacheAside(cache = \"products\", ttl = \"10m\")",
            "  Integer findStock(long id);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "cache \"products\" has value type java.lang.Integer here but java.lang.String on"
                + " ProductDao.find(long): one cache has one value type. Use another cache name"
                + " for one of them")
        .inFile(source)
        .onLineContaining("Integer findStock(long id);");
  }

  // ---------------------------------------------------------------------------------------------
  // Valid but tricky: no errors, no warnings
  // ---------------------------------------------------------------------------------------------

  private static void assertCleanlyCompiled(Compilation compilation) {
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).hadWarningCount(0);
  }

  @Test
  void keyPathThroughAGetterCompiles() {
    Compilation compilation =
        compile(
            dao(
                "public interface ProductDao {",
                "  final class Product {",
                "    private final long id;",
                "",
                "    public Product(long id) {",
                "      this.id = id;",
                "    }",
                "",
                "    public long getId() {",
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

    assertCleanlyCompiled(compilation);
    assertThat(compilation).generatedSourceFile("test.CachedProductDao");
  }

  @Test
  void keyPathThroughARecordComponentCompiles() {
    Compilation compilation =
        compile(
            dao(
                "public interface ProductDao {",
                "  record Product(long id, String name) {}",
                "",
                "  @WriteThrough(cache = \"products\")",
                "  Optional<Product> find(long id);",
                "",
                "  @WriteThrough(cache = \"products\", key = \"product.id\")",
                "  void save(Product product);",
                "}"));

    assertCleanlyCompiled(compilation);
    assertThat(compilation).generatedSourceFile("test.CachedProductDao");
  }

  @Test
  void keyPathThroughAPublicFieldCompiles() {
    Compilation compilation =
        compile(
            dao(
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

    assertCleanlyCompiled(compilation);
    assertThat(compilation).generatedSourceFile("test.CachedProductDao");
  }

  @Test
  void multiPartKeyCompiles() {
    Compilation compilation =
        compile(
            dao(
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

    assertCleanlyCompiled(compilation);
    assertThat(compilation).generatedSourceFile("test.CachedProductDao");
  }

  @Test
  void resultKeyInAWriteThroughWriteReturningTheValueCompiles() {
    Compilation compilation =
        compile(
            dao(
                "public interface ProductDao {",
                "  record Product(long id, String name) {}",
                "",
                "  @WriteThrough(cache = \"products\")",
                "  Product find(long id);",
                "",
                "  @WriteThrough(cache = \"products\", key = \"result.id\")",
                "  Product insert(String name);",
                "}"));

    assertCleanlyCompiled(compilation);
    assertThat(compilation).generatedSourceFile("test.CachedProductDao");
  }

  @Test
  void keyAndCacheValueParametersCompile() {
    Compilation compilation =
        compile(
            dao(
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

    assertCleanlyCompiled(compilation);
    assertThat(compilation).generatedSourceFile("test.CachedProductDao");
  }

  @Test
  void batchMethodTakingIterableOfSuperTypeCompiles() {
    Compilation compilation =
        compile(
            dao(
                "public interface ProductDao {",
                "  record Event(long id, String name) {}",
                "",
                "  @WriteBehind(cache = \"events\", key = \"event.id\", batchMethod = \"recordAll\")",
                "  void record(Event event);",
                "",
                "  void recordAll(Iterable<? super Event> events);",
                "}"));

    assertCleanlyCompiled(compilation);
    assertThat(compilation).generatedSourceFile("test.CachedProductDao");
  }

  @Test
  void repeatedIdenticalWriteBehindSettingsCompile() {
    Compilation compilation =
        compile(
            dao(
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

    assertCleanlyCompiled(compilation);
    assertThat(compilation).generatedSourceFile("test.CachedProductDao");
  }

  @Test
  void invalidateAllOnAnUnannotatedMethodCompiles() {
    Compilation compilation =
        compile(
            dao(
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

    assertCleanlyCompiled(compilation);
    assertThat(compilation).generatedSourceFile("test.CachedProductDao");
  }

  @Test
  void nestedInterfaceCompiles() {
    Compilation compilation =
        compile(
            source(
                "Shop",
                "public class Shop {",
                "  public interface ProductDao {",
                "    @CacheAside(cache = \"products\", ttl = \"10m\")",
                "    String find(long id);",
                "  }",
                "}"));

    assertCleanlyCompiled(compilation);
    assertThat(compilation).generatedSourceFile("test.CachedShop_ProductDao");
  }

  @Test
  void cacheDefaultsGiveTheCacheNameAndTtl() {
    Compilation compilation =
        compile(
            dao(
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

    assertCleanlyCompiled(compilation);
    assertThat(compilation).generatedSourceFile("test.CachedProductDao");
  }

  /** The 1-based number of the line of {@code file} that contains {@code text}. */
  private static long lineOf(JavaFileObject file, String text) {
    try {
      List<String> lines = List.of(file.getCharContent(true).toString().split("\n", -1));
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(text)) {
          return i + 1;
        }
      }
      throw new AssertionError(text + " is not in " + file.getName());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
