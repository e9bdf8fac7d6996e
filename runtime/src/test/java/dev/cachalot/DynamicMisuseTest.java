package dev.cachalot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cachalot.rules.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The misuse cases of the processor's {@code DiagnosticsTest}, found at {@link Cachalot#decorate}
 * time by the decorator built at run time: each test compiles the same DAO source as its
 * compile-time twin, without the processor, and checks that decorate() fails with a {@link
 * CachalotException} that names the interface and carries the same {@link Message} text. Only the
 * site in front of the text differs (a method and attribute instead of a line).
 *
 * <p>Not here: {@link Message#UNRESOLVED_TYPES} and {@link Message#UNEXPECTED}, which only the
 * processor can report. {@link Message#NOT_AN_INTERFACE} is decorate()'s own argument check, and
 * {@link Message#PRIVATE_INTERFACE} does not apply at run time (a decorator defined in the
 * interface's package can implement it); both are tested for what they do instead.
 */
class DynamicMisuseTest {

  /** The message a test is about; {@link #everyRunTimeMessageHasATest()} checks none is missing. */
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

  @TempDir Path dir;

  private final Cachalot cachalot = Cachalot.inMemory();
  private final List<URLClassLoader> loaders = new ArrayList<>();
  private int compilations;

  @AfterEach
  void close() throws IOException {
    cachalot.close();
    for (URLClassLoader loader : loaders) {
      loader.close();
    }
  }

  @Test
  void everyRunTimeMessageHasATest() {
    Set<Message> covered = EnumSet.noneOf(Message.class);
    for (Method method : DynamicMisuseTest.class.getDeclaredMethods()) {
      Covers covers = method.getAnnotation(Covers.class);
      if (covers != null) {
        covered.add(covers.value());
      }
    }
    Set<Message> missing = EnumSet.complementOf(EnumSet.copyOf(covered));
    missing.remove(Message.UNEXPECTED);
    missing.remove(Message.UNRESOLVED_TYPES);
    assertThat(missing).as("messages without a test").isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // Compiling, loading and decorating
  // ---------------------------------------------------------------------------------------------

  /** One compilation unit: a top-level type of package {@code test} and its lines. */
  private record Source(String name, List<String> lines) {}

  /** A source file {@code test.<name>} with Cachalot's annotations imported. */
  private static Source source(String name, String... lines) {
    List<String> all = new ArrayList<>(IMPORTS);
    all.addAll(List.of(lines));
    return new Source(name, all);
  }

  /** A source file {@code test.ProductDao}. */
  private static Source dao(String... lines) {
    return source("ProductDao", lines);
  }

  /**
   * Compiles {@code sources} without any annotation processor (so no decorator is generated), with
   * {@code -parameters} when {@code parameterNames}, into a fresh directory, and returns a class
   * loader for the result whose parent is this test's class loader (so that the annotations and
   * Cachalot are the ones the test sees).
   */
  private ClassLoader compile(boolean parameterNames, Source... sources) {
    try {
      Path root = dir.resolve("compilation" + compilations++);
      Path sourceDir = Files.createDirectories(root.resolve("src/test"));
      Path classes = Files.createDirectories(root.resolve("classes"));
      List<Path> files = new ArrayList<>();
      for (Source source : sources) {
        Path file = sourceDir.resolve(source.name() + ".java");
        Files.write(file, source.lines(), StandardCharsets.UTF_8);
        files.add(file);
      }
      List<String> options = new ArrayList<>(List.of("-proc:none"));
      if (parameterNames) {
        options.add("-parameters");
      }
      options.addAll(
          List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path")));
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      boolean compiled;
      try (StandardJavaFileManager fileManager =
          javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
        Iterable<? extends JavaFileObject> units = fileManager.getJavaFileObjectsFromPaths(files);
        compiled = javac.getTask(null, fileManager, diagnostics, options, null, units).call();
      }
      assertThat(compiled)
          .as("the test source compiles: %s", diagnostics.getDiagnostics())
          .isTrue();
      URLClassLoader loader =
          new URLClassLoader(
              new URL[] {classes.toUri().toURL()}, DynamicMisuseTest.class.getClassLoader());
      loaders.add(loader);
      return loader;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles {@code sources} with {@code -parameters} and loads {@code test.<name>}. */
  private Class<?> load(String name, Source... sources) {
    return load(true, name, sources);
  }

  private Class<?> load(boolean parameterNames, String name, Source... sources) {
    try {
      return Class.forName("test." + name, true, compile(parameterNames, sources));
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  /** Compiles {@code test.ProductDao} with {@code -parameters} and loads it. */
  private Class<?> loadDao(String... lines) {
    return load("ProductDao", dao(lines));
  }

  /** A delegate implementing {@code dao} whose methods all throw. */
  private static Object unusedDelegate(Class<?> dao) {
    return delegate(
        dao,
        (proxy, method, args) -> {
          throw new UnsupportedOperationException(method.getName() + " is not for this test");
        });
  }

  private static Object delegate(Class<?> dao, InvocationHandler handler) {
    return Proxy.newProxyInstance(dao.getClassLoader(), new Class<?>[] {dao}, handler);
  }

  /**
   * {@code cachalot.decorate(dao, delegate)} for an interface known only at run time. The unchecked
   * cast is what lets the compiler accept the call; {@code delegate} implements {@code dao}, which
   * is all that decorate's {@code <T>} stands for (decorate checks it again).
   */
  @SuppressWarnings("unchecked")
  private static Object decorate(Cachalot cachalot, Class<?> dao, Object delegate) {
    return cachalot.decorate((Class<Object>) dao, delegate);
  }

  private Object decorate(Class<?> dao) {
    return decorate(cachalot, dao, unusedDelegate(dao));
  }

  /**
   * Decorates {@code dao}, expects a {@link CachalotException} that names the interface and reports
   * exactly one problem (as DiagnosticsTest expects exactly one error), and returns that problem's
   * line: {@code <site>: <Message text>}.
   */
  private String theOneProblem(Class<?> dao) {
    List<String> problems = problems(dao);
    assertThat(problems).as("the problems reported").hasSize(1);
    return problems.get(0);
  }

  /** Decorates {@code dao}, expects a {@link CachalotException} and returns its problem lines. */
  private List<String> problems(Class<?> dao) {
    Throwable thrown = catchThrowable(() -> decorate(dao));
    assertThat(thrown).isExactlyInstanceOf(CachalotException.class);
    String message = thrown.getMessage();
    String header = "Cachalot cannot decorate " + dao.getName() + " at run time:";
    assertThat(message).startsWith(header + "\n");
    return Arrays.stream(message.substring(header.length() + 1).split("\n"))
        .map(String::strip)
        .collect(Collectors.toList());
  }

  /** Asserts that {@code problem} is a site, then {@code ": "}, then text containing each part. */
  private static void assertProblem(String problem, String... parts) {
    assertThat(problem).containsPattern("^\\S[^\n]*?: ");
    for (String part : parts) {
      assertThat(problem).contains(part);
    }
  }

  private static Object invoke(Object target, Method method, Object... args) throws Throwable {
    try {
      method.setAccessible(true);
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The interface
  // ---------------------------------------------------------------------------------------------

  /**
   * An annotated class is refused before any rule runs: decorate() takes interfaces only, with an
   * {@link IllegalArgumentException} (its own check, not the compile-time message).
   */
  @Test
  @Covers(Message.NOT_AN_INTERFACE)
  void annotatedClassInsteadOfInterfaceIsRejected() {
    Class<?> type =
        loadDao(
            "public abstract class ProductDao {",
            "  @CacheAside(cache = \"products\")",
            "  public abstract String find(long id);",
            "}");

    assertThatThrownBy(() -> decorate(cachalot, type, new Object()))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("test.ProductDao is not an interface; Cachalot decorates DAO interfaces only");
  }

  @Test
  @Covers(Message.NOT_AN_INTERFACE)
  void cacheDefaultsOnAClassIsRejected() {
    Class<?> type =
        loadDao(
            "@CacheDefaults(cache = \"products\")",
            "public abstract class ProductDao {",
            "  public abstract String find(long id);",
            "}");

    assertThatThrownBy(() -> decorate(cachalot, type, new Object()))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("test.ProductDao is not an interface; Cachalot decorates DAO interfaces only");
  }

  @Test
  @Covers(Message.NOT_AN_INTERFACE)
  void keyOnAParameterOfAClassIsRejected() {
    Class<?> type =
        loadDao(
            "public abstract class ProductDao {",
            "  public abstract String find(@Key long id);",
            "}");

    assertThatThrownBy(() -> decorate(cachalot, type, new Object()))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("test.ProductDao is not an interface; Cachalot decorates DAO interfaces only");
  }

  @Test
  @Covers(Message.GENERIC_INTERFACE)
  void genericInterfaceIsRejected() {
    Class<?> dao =
        load(
            "Repository",
            source(
                "Repository",
                "public interface Repository<T> {",
                "  @CacheAside(cache = \"products\")",
                "  String find(long id);",
                "}"));

    assertProblem(
        theOneProblem(dao),
        "interface Repository has type parameters <T>: Cachalot needs the key and value types"
            + " at compile time. Annotate the methods in a non-generic interface that gives"
            + " them concrete types, for example interface ProductStore extends"
            + " Repository<Product>, and redeclare them there");
  }

  /**
   * A decorator built at run time could implement a private nested interface (it is defined in the
   * interface's own package and loader), but the processor cannot, so the run-time path refuses it
   * too: a DAO must not work without the processor and break once the processor is added.
   */
  @Test
  @Covers(Message.PRIVATE_INTERFACE)
  void privateNestedInterfaceIsRejectedAsAtCompileTime() {
    Class<?> dao =
        load(
            "Outer$ProductDao",
            source(
                "Outer",
                "public class Outer {",
                "  private interface ProductDao {",
                "    @CacheAside(cache = \"products\")",
                "    String find(long id);",
                "  }",
                "}"));

    assertProblem(
        theOneProblem(dao),
        "interface ProductDao is private, so the generated CachedOuter_ProductDao cannot"
            + " implement it: make it package-private or public");
  }

  // ---------------------------------------------------------------------------------------------
  // The method
  // ---------------------------------------------------------------------------------------------

  @Test
  @Covers(Message.GENERIC_METHOD)
  void genericMethodIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @CacheAside(cache = \"products\")",
            "  <T> T find(long id);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "ProductDao.find(long) has type parameters <T>: a cached method needs concrete key and"
            + " value types. Declare it without type parameters, for example Product find(long"
            + " id)");
  }

  @Test
  @Covers(Message.STATIC_METHOD)
  void annotatedStaticMethodIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @CacheAside(cache = \"products\")",
            "  static String find(long id) {",
            "    return null;",
            "  }",
            "}");

    assertProblem(
        theOneProblem(dao),
        "@CacheAside is on static method ProductDao.find(long), which a decorator cannot"
            + " intercept: remove the annotation or make it an abstract interface method");
  }

  @Test
  @Covers(Message.TWO_STRATEGIES)
  void twoStrategiesOnOneMethodIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @CacheAside(cache = \"products\")",
            "  @WriteThrough(cache = \"products\")",
            "  String find(long id);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "ProductDao.find(long) has both @CacheAside and @WriteThrough: one method uses one"
            + " strategy. Keep one of them");
  }

  // ---------------------------------------------------------------------------------------------
  // Cache names, durations and settings
  // ---------------------------------------------------------------------------------------------

  @Test
  @Covers(Message.NO_CACHE_NAME)
  void noCacheNameAndNoCacheDefaultsIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @CacheAside(ttl = \"10m\")",
            "  String find(long id);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "@CacheAside on ProductDao.find(long) names no cache: write @CacheAside(cache ="
            + " \"...\") or put @CacheDefaults(cache = \"...\") on interface ProductDao");
  }

  @Test
  @Covers(Message.MALFORMED_DURATION)
  void malformedDurationIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @CacheAside(",
            "      cache = \"products\",",
            "      ttl = \"10 minutes\")",
            "  String find(long id);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "ttl = \"10 minutes\" is not a duration: write a positive number followed by ms, s,"
            + " m, h or d (500ms, 30s, 10m, 2h, 1d), or ISO-8601 such as PT10M");
  }

  @Test
  @Covers(Message.MALFORMED_DURATION)
  void malformedDurationInCacheDefaultsIsRejected() {
    Class<?> dao =
        loadDao(
            "@CacheDefaults(",
            "    cache = \"products\",",
            "    ttl = \"ten minutes\")",
            "public interface ProductDao {",
            "  @CacheAside",
            "  String find(long id);",
            "}");

    assertProblem(
        theOneProblem(dao), "ttl = \"ten minutes\" is not a duration: write a positive number");
  }

  @Test
  @Covers(Message.NON_POSITIVE_DURATION)
  void zeroDurationIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @CacheAside(",
            "      cache = \"products\",",
            "      negativeTtl = \"0s\")",
            "  String find(long id);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "negativeTtl = \"0s\" is not positive: write a duration greater than zero, such as"
            + " 30s, or leave negativeTtl empty");
  }

  @Test
  @Covers(Message.NON_POSITIVE_SETTING)
  void nonPositiveWriteBehindSettingIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @WriteBehind(",
            "      cache = \"events\",",
            "      maxBatch = 0)",
            "  void record(@Key long id, String event);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "maxBatch = 0 must be at least 1: write a positive number, or leave it out");
  }

  @Test
  @Covers(Message.CAPACITY_BELOW_MAX_BATCH)
  void capacityBelowMaxBatchIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @WriteBehind(",
            "      cache = \"events\",",
            "      maxBatch = 500,",
            "      capacity = 100)",
            "  void record(@Key long id, String event);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "capacity = 100 is smaller than maxBatch = 500 for cache \"events\": the buffer must"
            + " hold a whole batch. Raise capacity to at least 500");
  }

  @Test
  @Covers(Message.SETTING_CONFLICT)
  void differingWriteBehindSettingsAreRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @WriteBehind(cache = \"events\", flushMillis = 250)",
            "  void record(@Key long id, String event);",
            "",
            "  @WriteBehind(",
            "      cache = \"events\",",
            "      flushMillis = 500)",
            "  void recordAgain(@Key long id, String event);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "cache \"events\" has flushMillis = 500 here but 250 on ProductDao.record(long,"
            + " String): a cache's settings are given once, or repeated identically. Remove"
            + " one of them or make them equal");
  }

  @Test
  @Covers(Message.BATCH_METHOD_MISSING)
  void batchMethodThatDoesNotExistIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @WriteBehind(",
            "      cache = \"events\",",
            "      batchMethod = \"recordAll\")",
            "  void record(@Key long id, String event);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "batchMethod = \"recordAll\": interface ProductDao has no method recordAll. Declare"
            + " void recordAll(List<String> values) in ProductDao, or remove batchMethod");
  }

  @Test
  @Covers(Message.BATCH_METHOD_WRONG_PARAMETERS)
  void batchMethodWithWrongElementTypeIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @WriteBehind(",
            "      cache = \"events\",",
            "      batchMethod = \"recordAll\")",
            "  void record(@Key long id, String event);",
            "",
            "  void recordAll(List<Integer> events);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "batchMethod = \"recordAll\": ProductDao.recordAll(List<Integer>) must take exactly"
            + " one Collection, List or Iterable of String, the value type of cache"
            + " \"events\"; declare it as void recordAll(List<String> values)");
  }

  @Test
  @Covers(Message.BATCH_METHOD_WRONG_PARAMETERS)
  void batchMethodTakingASetIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @WriteBehind(",
            "      cache = \"events\",",
            "      batchMethod = \"recordAll\")",
            "  void record(@Key long id, String event);",
            "",
            "  void recordAll(Set<String> events);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "ProductDao.recordAll(Set<String>) must take exactly one Collection, List or Iterable"
            + " of String");
  }

  // ---------------------------------------------------------------------------------------------
  // Keys
  // ---------------------------------------------------------------------------------------------

  @Test
  @Covers(Message.MALFORMED_KEY)
  void malformedKeyExpressionIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @CacheAside(",
            "      cache = \"products\",",
            "      key = \"id + 1\")",
            "  String find(long id);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "key = \"id + 1\" is not a key expression: write parameter names or property paths"
            + " separated by commas, such as \"id\", \"product.id\" or \"tenant, product.id\"");
  }

  @Test
  @Covers(Message.KEY_AND_KEY_PARAMETERS)
  void keyGivenTwiceIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @CacheAside(",
            "      cache = \"products\",",
            "      key = \"id\")",
            "  String find(@Key long id, String locale);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "ProductDao.find(long, String) gives its key twice, with key = \"id\" and with @Key on"
            + " id: keep one of the two");
  }

  @Test
  @Covers(Message.KEY_UNKNOWN_PARAMETER)
  void keyNamingAMissingParameterIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @CacheAside(",
            "      cache = \"products\",",
            "      key = \"productId\")",
            "  String find(long id);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "key = \"productId\": ProductDao.find(long) has no parameter named productId; its"
            + " parameters are id. Start each key part with one of them");
  }

  @Test
  @Covers(Message.KEY_UNKNOWN_PROPERTY)
  void keyPathToMissingPropertyIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  record Product(long id, String name) {}",
            "",
            "  @WriteThrough(",
            "      cache = \"products\",",
            "      key = \"product.sku\")",
            "  void save(Product product);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "key = \"product.sku\": Product has no property sku. Write a record component sku(), a"
            + " getter getSku() or isSku(), or a public field sku, or use one of its"
            + " properties: id, name");
  }

  @Test
  @Covers(Message.KEY_UNKNOWN_PROPERTY)
  void keyPathToPrivateFieldIsRejected() {
    Class<?> dao =
        loadDao(
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

    assertProblem(
        theOneProblem(dao),
        "key = \"product.id\": Product has no property id. Write a record component id(), a"
            + " getter getId() or isId(), or a public field id, or use one of its properties:"
            + " (it has none)");
  }

  @Test
  @Covers(Message.KEY_PROPERTY_OF_NON_OBJECT)
  void keyPathThroughAPrimitiveIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @CacheAside(",
            "      cache = \"products\",",
            "      key = \"id.value\")",
            "  String find(long id);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "key = \"id.value\": id is a long and has no property value; end the key path before"
            + " .value");
  }

  @Test
  @Covers(Message.KEY_RESULT_NOT_ALLOWED)
  void resultInACacheAsideReadIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  record Product(long id, String name) {}",
            "",
            "  @CacheAside(",
            "      cache = \"products\",",
            "      key = \"result.id\")",
            "  Product find(long id);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "key = \"result.id\" uses result, which names the value a write-through write"
            + " returns, but ProductDao.find(long) is @CacheAside. Use @WriteThrough on a"
            + " write that returns the value type, or build the key from the parameters");
  }

  @Test
  @Covers(Message.RESULT_NOT_VALUE_TYPE)
  void resultThatIsNotTheValueTypeIsRejected() {
    Class<?> dao =
        loadDao(
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

    // A nested type is named as the processor names it, ProductDao.Product, not by its binary
    // name ProductDao$Product.
    assertProblem(
        theOneProblem(dao),
        "key = \"result\" uses result, but ProductDao.insert(ProductDao.Product) returns long,"
            + " not the value type of cache \"products\" (test.ProductDao.Product). Return the"
            + " value type, or build the key from the parameters");
  }

  @Test
  @Covers(Message.NO_KEY)
  void readWithoutParametersIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @CacheAside(cache = \"products\")",
            "  String findAll();",
            "}");

    assertProblem(
        theOneProblem(dao),
        "ProductDao.findAll() has no parameter to build a key from: add a key parameter, for"
            + " example findAll(long id), or write key = \"...\" over its parameters");
  }

  @Test
  @Covers(Message.KEY_TYPE_CONFLICT)
  void twoKeyTypesInOneCacheIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @CacheAside(cache = \"products\")",
            "  String find(long id);",
            "",
            "  @CacheAside(key = \"sku\", cache = \"products\")",
            "  String findBySku(String sku);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "cache \"products\" has key type java.lang.String here but java.lang.Long on"
            + " ProductDao.find(long): one cache has one key type. Use another cache name, or"
            + " derive the same key, for example with key = \"...\"");
  }

  @Test
  @Covers(Message.PARAMETER_NAMES_MISSING)
  void keyExpressionWithoutParameterNamesIsRejected() {
    Class<?> dao =
        load(
            false,
            "ProductDao",
            dao(
                "public interface ProductDao {",
                "  record Product(long id, String name) {}",
                "",
                "  @CacheAside(cache = \"products\")",
                "  Product find(long id);",
                "",
                "  @CacheAside(cache = \"products\", key = \"product.id\")",
                "  void save(Product product);",
                "}"));

    assertProblem(
        theOneProblem(dao),
        "key = \"product.id\" on ProductDao.save(",
        ") names parameters, but test.ProductDao was compiled without -parameters, so their"
            + " names are unknown at run time: compile it with -parameters (maven-compiler-plugin"
            + " <parameters>true</parameters>), mark the key parameters with @Key, or let the"
            + " Cachalot processor generate the decorator");
  }

  /** Without {@code -parameters}, {@code @Key} parameters still give the key: no names needed. */
  @Test
  void keyParametersWithoutParameterNamesAreDecoratedAndCache() throws Throwable {
    Class<?> dao =
        load(
            false,
            "ProductDao",
            dao(
                "public interface ProductDao {",
                "  record Product(long id, String name) {}",
                "",
                "  @CacheAside(cache = \"products\")",
                "  Product find(@Key long id);",
                "",
                "  @CacheAside(cache = \"products\")",
                "  void save(@Key long id, Product product);",
                "}"));
    Method find = dao.getMethod("find", long.class);
    assertThat(find.getParameters()[0].isNamePresent())
        .as("compiled without -parameters")
        .isFalse();
    Class<?> productType = find.getReturnType();
    Map<Long, Object> rows = new ConcurrentHashMap<>();
    rows.put(1L, productType.getConstructor(long.class, String.class).newInstance(1L, "anchor"));
    AtomicInteger finds = new AtomicInteger();
    AtomicInteger saves = new AtomicInteger();
    Object delegate =
        delegate(
            dao,
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "find":
                  finds.incrementAndGet();
                  return rows.get((Long) args[0]);
                case "save":
                  saves.incrementAndGet();
                  rows.put((Long) args[0], args[1]);
                  return null;
                default:
                  throw new UnsupportedOperationException(method.toString());
              }
            });

    Object decorated = decorate(cachalot, dao, delegate);

    Object anchor = invoke(decorated, find, 1L);
    assertThat(anchor).hasToString("Product[id=1, name=anchor]");
    assertThat(invoke(decorated, find, 1L)).isEqualTo(anchor);
    assertThat(finds).as("the second read hits").hasValue(1);

    Object bigger = productType.getConstructor(long.class, String.class).newInstance(1L, "bigger");
    invoke(decorated, dao.getMethod("save", long.class, productType), 1L, bigger);
    assertThat(saves).hasValue(1);
    assertThat(invoke(decorated, find, 1L)).as("the write invalidated key 1").isEqualTo(bigger);
    assertThat(finds).hasValue(2);
  }

  // ---------------------------------------------------------------------------------------------
  // Roles and values
  // ---------------------------------------------------------------------------------------------

  @Test
  @Covers(Message.TWO_CACHE_VALUES)
  void twoCacheValuesIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @WriteThrough(cache = \"products\")",
            "  void save(long id, @CacheValue String name, @CacheValue String description);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "ProductDao.save(long, String, String) marks name and description with @CacheValue: a"
            + " write stores one value. Keep @CacheValue on one of them");
  }

  @Test
  @Covers(Message.AMBIGUOUS_VALUE)
  void ambiguousValueParameterIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @WriteThrough(cache = \"products\")",
            "  void save(long id, String name);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "cannot tell which parameter of ProductDao.save(long, String) is the value to cache:"
            + " id, name could each be. Mark the value with @CacheValue, or mark the key"
            + " parameters with @Key");
  }

  @Test
  @Covers(Message.WRITE_BEHIND_RETURNS_VALUE)
  void writeBehindWriteThatReturnsAValueIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @WriteBehind(cache = \"events\")",
            "  long record(@Key long id, @CacheValue String event);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "ProductDao.record(long, String) is a write-behind write but returns long: the"
            + " database has not seen the write when the call returns, so there is nothing to"
            + " return. Declare it void, or use @WriteThrough to get the database's result");
  }

  @Test
  @Covers(Message.VALUE_TYPE_CONFLICT)
  void aWriteReturningACountWithoutCacheValueIsAReadAndTheConflictSaysToMarkTheValue() {
    // As at compile time, the conflict is reported on the later method in source order (record),
    // naming the earlier one (find): the hint to mark the value with @CacheValue is for the write.
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @WriteBehind(cache = \"events\")",
            "  String find(long id);",
            "",
            "  @WriteBehind(cache = \"events\")",
            "  int record(@Key long id, String event);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "cache \"events\" has value type java.lang.Integer here but java.lang.String on"
            + " ProductDao.find(long)",
        "if this method is a write that returns something else, mark the value it stores with"
            + " @CacheValue");
  }

  @Test
  @Covers(Message.VALUE_TYPE_CONFLICT)
  void twoValueTypesInOneCacheIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @CacheAside(cache = \"products\")",
            "  String find(long id);",
            "",
            "  @CacheAside(cache = \"products\", ttl = \"10m\")",
            "  Integer findStock(long id);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "cache \"products\" has value type java.lang.Integer here but java.lang.String on"
            + " ProductDao.find(long): one cache has one value type. Use another cache name"
            + " for one of them");
  }

  @Test
  @Covers(Message.NO_VALUE_TYPE)
  void cacheWithoutReadOrWriteIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @CacheAside(cache = \"products\")",
            "  void delete(long id);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "cache \"products\" is @CacheAside but none of the methods declared with it reads or"
            + " writes it, so its value type is unknown. Declare its read or write method here, or"
            + " replace @CacheAside on ProductDao.delete(long) with @Invalidate(cache ="
            + " \"products\")");
  }

  @Test
  void errorOnTheReadDoesNotCascadeIntoNoValueTypeOnTheDelete() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @CacheAside(",
            "      cache = \"products\",",
            "      ttl = \"10 minutes\")",
            "  String find(long id);",
            "",
            "  @CacheAside(cache = \"products\")",
            "  void delete(long id);",
            "}");

    assertProblem(theOneProblem(dao), "ttl = \"10 minutes\" is not a duration");
  }

  // ---------------------------------------------------------------------------------------------
  // One strategy per cache
  // ---------------------------------------------------------------------------------------------

  @Test
  @Covers(Message.STRATEGY_CONFLICT)
  void twoStrategiesInOneCacheIsRejected() {
    Class<?> dao =
        loadDao(
            "public interface ProductDao {",
            "  @CacheAside(cache = \"products\")",
            "  String find(long id);",
            "",
            "  @WriteThrough(cache = \"products\")",
            "  void save(@Key long id, String name);",
            "}");

    assertProblem(
        theOneProblem(dao),
        "cache \"products\" is @WriteThrough here but @CacheAside on ProductDao.find(long):"
            + " one cache has one strategy. Use another cache name for one of them, or the"
            + " same strategy on both");
  }

  /**
   * Across interfaces the run-time path sees one interface per decorate(); the second interface
   * that declares the cache with another strategy must fail with the same explanation as the
   * processor's ("one cache has one strategy"), naming the cache.
   */
  @Test
  @Covers(Message.STRATEGY_CONFLICT)
  void twoStrategiesInOneCacheAcrossInterfacesIsRejected() {
    ClassLoader loader =
        compile(
            true,
            source(
                "CatalogDao",
                "public interface CatalogDao {",
                "  @CacheAside(cache = \"products\")",
                "  String find(long id);",
                "}"),
            source(
                "AdminDao",
                "public interface AdminDao {",
                "  @WriteThrough(cache = \"products\")",
                "  String find(long id);",
                "}"));
    Class<?> catalog;
    Class<?> admin;
    try {
      catalog = Class.forName("test.CatalogDao", true, loader);
      admin = Class.forName("test.AdminDao", true, loader);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
    decorate(catalog);

    assertThatThrownBy(() -> decorate(admin))
        .isInstanceOf(CachalotException.class)
        .hasMessageContaining("products")
        .hasMessageContaining("one cache has one strategy");
  }
}
