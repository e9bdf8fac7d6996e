package dev.cachalot.it.compiled;

import static dev.cachalot.it.compiled.Compiled.call;
import static dev.cachalot.it.compiled.Compiled.decorate;
import static dev.cachalot.it.compiled.Compiled.delegate;
import static dev.cachalot.it.compiled.Compiled.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.Cachalot;
import dev.cachalot.CachalotException;
import dev.cachalot.store.CaffeineStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One cache, two interfaces, the settings on one of them: the README says a setting is given once,
 * and the other interface takes it, whether the two are compiled together, in two modules (two
 * compilations, the second against the first's class files), or decorated at run time, in either
 * order. Only two given, different values conflict.
 */
class SharedCacheSettingsTest {

  private static final Map<String, List<String>> CATALOG =
      source(
          "CatalogDao",
          "public interface CatalogDao {",
          "  @CacheAside(cache = \"catalog\", ttl = \"10m\", negativeTtl = \"30s\")",
          "  String find(long id);",
          "}");

  private static final Map<String, List<String>> ADMIN =
      source(
          "CatalogAdminDao",
          "public interface CatalogAdminDao {",
          "  @CacheAside(cache = \"catalog\")",
          "  String find(long id);",
          "",
          "  @CacheAside(cache = \"catalog\")",
          "  void delete(long id);",
          "}");

  private static final Map<String, List<String>> RIVAL =
      source(
          "RivalDao",
          "public interface RivalDao {",
          "  @CacheAside(cache = \"catalog\", ttl = \"5m\")",
          "  String find(long id);",
          "}");

  private static final Map<String, List<String>> DEFAULTS =
      source(
          "CatalogDao",
          "@CacheDefaults(cache = \"catalog\", ttl = \"10m\")",
          "public interface CatalogDao {",
          "  @CacheAside",
          "  String find(long id);",
          "}");

  private final AtomicLong now = new AtomicLong();
  private final AtomicInteger loads = new AtomicInteger();

  private Cachalot cachalot(boolean generated) {
    return Cachalot.builder()
        .store(CaffeineStore.builder().ticker(now::get).build())
        .useGeneratedDecorators(generated)
        .build();
  }

  private Object decorateOne(Cachalot cachalot, Class<?> dao) {
    return decorate(
        cachalot,
        dao,
        delegate(
            dao,
            (proxy, method, args) -> {
              if (method.getName().equals("find")) {
                loads.incrementAndGet();
                return "row " + args[0];
              }
              return null;
            }));
  }

  /**
   * Decorates the admin interface (no settings) and the catalog (ttl, negativeTtl) in the given
   * order, then checks that the cache has the catalog's settings, and that a read through the admin
   * interface expires after the catalog's ttl.
   */
  private void assertSettingsAreShared(
      Cachalot cachalot, Class<?> catalog, Class<?> admin, boolean adminFirst) throws Throwable {
    Object adminDao;
    if (adminFirst) {
      adminDao = decorateOne(cachalot, admin);
      call(adminDao, "find", 1L); // filled while the cache had no ttl yet
      decorateOne(cachalot, catalog);
    } else {
      decorateOne(cachalot, catalog);
      adminDao = decorateOne(cachalot, admin);
    }

    assertThat(cachalot.cache("catalog").spec().ttl()).contains(Duration.ofMinutes(10));
    assertThat(cachalot.cache("catalog").spec().negativeTtl()).contains(Duration.ofSeconds(30));
    int before = loads.get();
    call(adminDao, "find", 2L);
    call(adminDao, "find", 2L);
    assertThat(loads.get() - before).as("a hit within the ttl").isOne();
    now.addAndGet(TimeUnit.MINUTES.toNanos(11));
    call(adminDao, "find", 2L);
    call(adminDao, "find", 1L);
    assertThat(loads.get() - before)
        .as("both entries expired after the catalog's 10 minutes, also one filled before")
        .isEqualTo(3);
  }

  @ParameterizedTest(name = "generated {0}, admin decorated first {1}")
  @CsvSource({"true, true", "true, false", "false, true", "false, false"})
  void interfacesCompiledTogetherShareTheSettings(boolean generated, boolean adminFirst)
      throws Throwable {
    Map<String, List<String>> both = new java.util.LinkedHashMap<>(CATALOG);
    both.putAll(ADMIN);
    Compiled compiled = Compiled.of(both);
    try (Cachalot cachalot = cachalot(generated)) {
      assertSettingsAreShared(
          cachalot, compiled.type("CatalogDao"), compiled.type("CatalogAdminDao"), adminFirst);
    }
  }

  @ParameterizedTest(name = "generated {0}, admin decorated first {1}")
  @CsvSource({"true, true", "true, false", "false, true", "false, false"})
  void interfacesCompiledInTwoModulesShareTheSettings(boolean generated, boolean adminFirst)
      throws Throwable {
    Compiled api = Compiled.of(CATALOG);
    Compiled app = Compiled.of(ADMIN, api);
    try (Cachalot cachalot = cachalot(generated)) {
      assertSettingsAreShared(
          cachalot, app.type("CatalogDao"), app.type("CatalogAdminDao"), adminFirst);
    }
  }

  @ParameterizedTest(name = "generated {0}")
  @CsvSource({"true", "false"})
  void theOnlyDecoratorOfTheSameCompilationStillGetsTheSettings(boolean generated) {
    Map<String, List<String>> both = new java.util.LinkedHashMap<>(CATALOG);
    both.putAll(ADMIN);
    Compiled compiled = Compiled.of(both);
    try (Cachalot cachalot = cachalot(generated)) {
      decorateOne(cachalot, compiled.type("CatalogAdminDao"));

      // The processor merged the settings of the compilation into the admin decorator; the
      // run-time builder sees one interface only and learns the ttl when CatalogDao is decorated.
      assertThat(cachalot.cache("catalog").spec().ttl())
          .isEqualTo(
              generated
                  ? java.util.Optional.of(Duration.ofMinutes(10))
                  : java.util.Optional.empty());
    }
  }

  @ParameterizedTest(name = "generated {0}")
  @CsvSource({"true", "false"})
  void twoGivenDifferentValuesConflictAtTheSecondDecorate(boolean generated) throws Throwable {
    Compiled api = Compiled.of(CATALOG);
    Compiled rival = Compiled.of(RIVAL, api);
    try (Cachalot cachalot = cachalot(generated)) {
      Object catalog = decorateOne(cachalot, rival.type("CatalogDao"));

      assertThatThrownBy(() -> decorateOne(cachalot, rival.type("RivalDao")))
          .isInstanceOf(CachalotException.class)
          .hasMessageContaining("cannot decorate test.RivalDao")
          .hasMessageContaining(
              "[CACHALOT-SETTING-CONFLICT] cache \"catalog\" has ttl = \"5m\" here but \"10m\" on"
                  + " a decorator of CatalogDao created earlier");
      assertThat(cachalot.cache("catalog").spec().ttl())
          .as("the refused declaration changed nothing")
          .contains(Duration.ofMinutes(10));
      assertThat(call(catalog, "find", 1L)).isEqualTo("row 1");
    }
  }

  @ParameterizedTest(name = "generated {0}")
  @CsvSource({"true", "false"})
  void aMethodTtlThatReplacesADefaultsTtlOfAnotherModuleIsAWarning(boolean generated)
      throws Throwable {
    Compiled api = Compiled.of(DEFAULTS);
    Compiled rival = Compiled.of(RIVAL, api);
    try (Cachalot cachalot = cachalot(generated)) {
      decorateOne(cachalot, rival.type("CatalogDao"));

      String warnings = stderrOf(() -> decorateOne(cachalot, rival.type("RivalDao")));

      assertThat(warnings)
          .contains(
              "[CACHALOT-DEFAULT-TTL-REPLACED] cache \"catalog\" has ttl = \"5m\" here, which"
                  + " replaces the @CacheDefaults ttl \"10m\" that a decorator of CatalogDao created"
                  + " earlier takes from its interface for every entry of the cache");
      assertThat(cachalot.cache("catalog").spec().ttl()).contains(Duration.ofMinutes(5));
    }
  }

  /** What {@code action} wrote to System.err, where slf4j-simple logs. */
  private static String stderrOf(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
