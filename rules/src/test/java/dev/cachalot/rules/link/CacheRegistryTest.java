package dev.cachalot.rules.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.annotations.Strategy;
import dev.cachalot.rules.link.CacheUse.Explicit;
import dev.cachalot.rules.plan.CachePlan;
import dev.cachalot.rules.plan.Setting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the uses of one cache merge, over types and sites that are plain strings. */
class CacheRegistryTest {

  private final CacheRegistry<String, String> registry =
      new CacheRegistry<>(String::equals, type -> type);
  private final List<String> problems = new ArrayList<>();

  private boolean register(CacheUse<String, String> use) {
    return registry.register(
        use, (site, message, arguments) -> problems.add(site + ": " + message.format(arguments)));
  }

  private static CacheUse<String, String> use(
      String where, Strategy strategy, String valueType, Map<Setting, Explicit<String>> settings) {
    return new CacheUse<>(
        "catalog",
        strategy,
        List.of("Long"),
        valueType,
        settings,
        null,
        where + " annotation",
        where + " signature",
        where,
        false);
  }

  private static Map<Setting, Explicit<String>> ttl(String text, Duration ttl) {
    return Map.of(Setting.TTL, new Explicit<>(ttl, "\"" + text + "\"", "ttl"));
  }

  @Test
  void aSettingNotGivenTakesTheValueAnotherUseGaveInEitherOrder() {
    register(use("Admin.find", Strategy.CACHE_ASIDE, "Product", Map.of()));
    register(
        use("Catalog.find", Strategy.CACHE_ASIDE, "Product", ttl("10m", Duration.ofMinutes(10))));

    CachePlan<String> plan = registry.plan("catalog");
    assertThat(plan.ttl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(plan.given()).containsOnlyKeys(Setting.TTL);
    assertThat(problems).isEmpty();
  }

  @Test
  void theSameValueWrittenTwiceIsNoConflict() {
    register(use("A.find", Strategy.CACHE_ASIDE, "Product", ttl("10m", Duration.ofMinutes(10))));
    register(use("B.find", Strategy.CACHE_ASIDE, "Product", ttl("PT10M", Duration.ofMinutes(10))));

    assertThat(problems).isEmpty();
  }

  @Test
  void twoGivenDifferentValuesConflictOnTheLaterUse() {
    register(use("A.find", Strategy.CACHE_ASIDE, "Product", ttl("10m", Duration.ofMinutes(10))));
    boolean merged =
        register(use("B.find", Strategy.CACHE_ASIDE, "Product", ttl("5m", Duration.ofMinutes(5))));

    assertThat(merged).isFalse();
    assertThat(problems)
        .containsExactly(
            "ttl: [CACHALOT-SETTING-CONFLICT] cache \"catalog\" has ttl = \"5m\" here but \"10m\""
                + " on A.find: a cache's settings are given once, or repeated identically. Remove"
                + " one of them or make them equal");
  }

  @Test
  void aUseThatConflictsChangesNothing() {
    register(use("A.find", Strategy.CACHE_ASIDE, "Product", ttl("10m", Duration.ofMinutes(10))));
    Map<Setting, Explicit<String>> both =
        Map.of(
            Setting.TTL, new Explicit<>(Duration.ofMinutes(5), "\"5m\"", "ttl"),
            Setting.NEGATIVE_TTL, new Explicit<>(Duration.ofSeconds(30), "\"30s\"", "negativeTtl"));
    register(use("B.find", Strategy.CACHE_ASIDE, "Product", both));

    assertThat(registry.plan("catalog").negativeTtl())
        .as("the negativeTtl of the refused use was not adopted")
        .isNull();
  }

  @Test
  void oneStrategyAndOneValueTypePerCache() {
    register(use("A.find", Strategy.CACHE_ASIDE, "Product", Map.of()));
    register(use("B.find", Strategy.WRITE_THROUGH, "String", Map.of()));

    assertThat(problems).hasSize(2);
    assertThat(problems.get(0))
        .startsWith("B.find annotation: [CACHALOT-STRATEGY-CONFLICT] cache \"catalog\" is")
        .contains("@WriteThrough here but @CacheAside on A.find");
    assertThat(problems.get(1))
        .startsWith("B.find signature: [CACHALOT-VALUE-TYPE-CONFLICT]")
        .contains("value type String here but Product on A.find");
  }

  @Test
  void anExplicitTtlWinsOverAnInterfaceDefault() {
    CacheUse<String, String> withDefault =
        new CacheUse<>(
            "catalog",
            Strategy.CACHE_ASIDE,
            List.of("Long"),
            "Product",
            Map.of(),
            new Explicit<>(Duration.ofDays(1), "\"1d\"", "defaults"),
            "A",
            "A",
            "A.find",
            false);
    register(withDefault);
    assertThat(registry.plan("catalog").ttl()).isEqualTo(Duration.ofDays(1));

    register(use("B.find", Strategy.CACHE_ASIDE, "Product", ttl("10m", Duration.ofMinutes(10))));
    assertThat(registry.plan("catalog").ttl()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void aFailedMethodIsRemembered() {
    registry.markFailed("catalog");

    assertThat(registry.hasFailed("catalog")).isTrue();
    assertThat(registry.hasFailed("other")).isFalse();
  }

  @Test
  void keyTypesAreDescribedForMessages() {
    assertThat(registry.describe(List.of("Long"))).isEqualTo("Long");
    assertThat(registry.describe(List.of("String", "Long"))).isEqualTo("(String, Long)");
  }
}
