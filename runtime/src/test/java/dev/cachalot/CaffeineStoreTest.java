package dev.cachalot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.annotations.Strategy;
import dev.cachalot.rules.plan.CachePlan;
import dev.cachalot.rules.plan.Setting;
import dev.cachalot.store.CaffeineStore;
import dev.cachalot.store.StoreCache;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The in-process store's layouts: without TTL jitter, values and remembered absences each expire
 * their cache's TTL after they were written, from fixed-expiry caches; with jitter, each entry the
 * TTL it was put with.
 */
class CaffeineStoreTest {

  private final AtomicLong now = new AtomicLong();
  private final CaffeineStore store = CaffeineStore.builder().ticker(now::get).build();

  private static CacheSpec spec(Duration ttl, Duration negativeTtl, double jitter) {
    Map<Setting, Object> given = new EnumMap<>(Setting.class);
    if (ttl != null) {
      given.put(Setting.TTL, ttl);
    }
    if (negativeTtl != null) {
      given.put(Setting.NEGATIVE_TTL, negativeTtl);
    }
    return CacheSpec.of(
        new CachePlan<Type>(
            "products", Strategy.CACHE_ASIDE, List.of(Long.class), String.class, given, null),
        jitter);
  }

  private void advance(long seconds) {
    now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
  }

  @Test
  void valuesAndAbsencesExpireEachAfterTheirOwnTtl() {
    StoreCache<Long, String> cache =
        store.open(spec(Duration.ofSeconds(60), Duration.ofSeconds(10), 0));
    cache.put(1L, "anchor", Duration.ofSeconds(60));
    cache.put(2L, StoreCache.ABSENT, Duration.ofSeconds(10));

    advance(9);
    assertThat(cache.get(1L)).isEqualTo("anchor");
    assertThat(cache.get(2L)).isSameAs(StoreCache.ABSENT);
    advance(2);
    assertThat(cache.get(2L)).as("the absence lived its 10 s").isNull();
    assertThat(cache.get(1L)).isEqualTo("anchor");
    advance(50);
    assertThat(cache.get(1L)).as("the value lived its 60 s").isNull();
  }

  @Test
  void aValueReplacesAnAbsenceAndAnAbsenceAValue() {
    StoreCache<Long, String> cache =
        store.open(spec(Duration.ofSeconds(60), Duration.ofSeconds(10), 0));

    cache.put(1L, StoreCache.ABSENT, null);
    cache.put(1L, "anchor", null);
    assertThat(cache.get(1L)).isEqualTo("anchor");
    cache.put(1L, StoreCache.ABSENT, null);
    assertThat(cache.get(1L)).isSameAs(StoreCache.ABSENT);
    cache.remove(1L);
    assertThat(cache.get(1L)).isNull();
  }

  @Test
  void withoutANegativeTtlNoAbsenceIsKept() {
    StoreCache<Long, String> cache = store.open(spec(Duration.ofSeconds(60), null, 0));

    cache.put(1L, StoreCache.ABSENT, null);

    assertThat(cache.get(1L)).isNull();
  }

  @Test
  void withJitterEachEntryLivesTheTtlItWasPutWith() {
    StoreCache<Long, String> cache = store.open(spec(Duration.ofSeconds(60), null, 0.5));
    cache.put(1L, "short", Duration.ofSeconds(31));
    cache.put(2L, "long", Duration.ofSeconds(59));

    advance(40);

    assertThat(cache.get(1L)).isNull();
    assertThat(cache.get(2L)).isEqualTo("long");
  }

  @Test
  void clearAndCloseEmptyEveryLayout() {
    StoreCache<Long, String> fixed = store.open(spec(null, Duration.ofSeconds(5), 0));
    fixed.put(1L, "anchor", null);
    fixed.put(2L, StoreCache.ABSENT, null);

    fixed.clear();
    assertThat(fixed.get(1L)).isNull();
    assertThat(fixed.get(2L)).isNull();

    fixed.put(1L, "anchor", null);
    store.close();
    assertThat(fixed.get(1L)).isNull();
  }
}
