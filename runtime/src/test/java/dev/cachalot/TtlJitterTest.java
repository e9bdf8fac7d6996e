package dev.cachalot;

import static dev.cachalot.Generated.caches;
import static dev.cachalot.Generated.load;
import static dev.cachalot.Generated.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.internal.CacheAsideEngine;
import dev.cachalot.internal.CacheDeclaration;
import dev.cachalot.internal.WriteThroughEngine;
import dev.cachalot.store.CaffeineStore;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** TTL jitter, on a fake clock (CaffeineStore's ticker) and a scripted random source. */
class TtlJitterTest {

  private final AtomicLong now = new AtomicLong();

  private Cachalot cachalot(double jitter, DoubleSupplier random) {
    Cachalot.Builder builder =
        Cachalot.builder()
            .store(CaffeineStore.builder().ticker(now::get).build())
            .ttlJitter(jitter);
    return random == null ? builder.build() : builder.random(random).build();
  }

  private static DoubleSupplier script(Double... values) {
    Queue<Double> queue = new ArrayDeque<>(List.of(values));
    return () -> {
      Double next = queue.poll();
      if (next == null) {
        throw new AssertionError("more random numbers drawn than scripted");
      }
      return next;
    };
  }

  private static CacheDeclaration.Builder<Long, Product> spec() {
    return CacheDeclaration.<Long, Product>named("products")
        .keyType(Long.class)
        .valueType(Product.class)
        .ttl(Duration.ofSeconds(100));
  }

  private void advanceTo(Duration time) {
    now.set(time.toNanos());
  }

  // Catches: fill() putting with spec.ttl() instead of the jittered TTL.
  @Test
  void eachFillGetsATtlBetweenTtlTimesOneMinusTheFractionAndTtl() {
    try (Cachalot cachalot = cachalot(0.5, script(0.0, 0.5, 0.998))) {
      CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(spec().build());
      for (long id = 1; id <= 3; id++) {
        long key = id;
        load(products, key, () -> new Product(key, "p" + key)); // TTLs 100 s, 75 s, 50.1 s
      }

      advanceTo(Duration.ofMillis(50_050));
      assertThat(products.getIfPresent(3L)).isNotNull();
      advanceTo(Duration.ofMillis(50_200));
      assertThat(products.getIfPresent(3L)).as("u = 0.998: expires at 50.1 s").isNull();
      assertThat(products.getIfPresent(2L)).isNotNull();

      advanceTo(Duration.ofMillis(74_900));
      assertThat(products.getIfPresent(2L)).isNotNull();
      advanceTo(Duration.ofMillis(75_100));
      assertThat(products.getIfPresent(2L)).as("u = 0.5: expires at 75 s").isNull();

      advanceTo(Duration.ofMillis(99_900));
      assertThat(products.getIfPresent(1L)).as("u = 0: the full TTL").isNotNull();
      advanceTo(Duration.ofMillis(100_100));
      assertThat(products.getIfPresent(1L)).isNull();
    }
  }

  // Catches: fill() jittering the TTL of values but not the negativeTtl of a remembered absence.
  @Test
  void aRememberedAbsenceIsJitteredToo() {
    try (Cachalot cachalot = cachalot(0.5, script(0.99, 0.0))) {
      CacheAsideEngine<Long, Product> products =
          caches(cachalot).cacheAside(spec().negativeTtl(Duration.ofSeconds(10)).build());
      AtomicInteger loads = new AtomicInteger();

      load(products, 7L, () -> count(loads, null)); // negativeTtl 10 s * (1 - 0.5 * 0.99) = 5.05 s
      advanceTo(Duration.ofSeconds(5));
      assertThat(load(products, 7L, () -> count(loads, new Product(7, "too early")))).isNull();
      advanceTo(Duration.ofSeconds(6));
      assertThat(load(products, 7L, () -> count(loads, null))).isNull();

      assertThat(loads).hasValue(2);
    }
  }

  // Catches: cachePut() (write-through and write-behind writes) putting with spec.ttl().
  @Test
  void writesAreJitteredLikeFills() {
    try (Cachalot cachalot = cachalot(0.5, script(0.998))) {
      WriteThroughEngine<Long, Product> sessions = caches(cachalot).writeThrough(spec().build());

      write(sessions, 1L, new Product(1, "written"), () -> {});

      advanceTo(Duration.ofMillis(50_050));
      assertThat(sessions.getIfPresent(1L)).isNotNull();
      advanceTo(Duration.ofMillis(50_200));
      assertThat(sessions.getIfPresent(1L)).isNull();
    }
  }

  // Catches: the builder's jitter never reaching the engines (or a random source that is constant).
  @Test
  void theDefaultRandomSourceSpreadsABurstOfFills() {
    try (Cachalot cachalot = cachalot(0.5, null)) {
      CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(spec().build());
      int keys = 200;
      for (long id = 0; id < keys; id++) {
        long key = id;
        load(products, key, () -> new Product(key, "p" + key));
      }

      advanceTo(Duration.ofMillis(49_900));
      assertThat(present(products, keys))
          .as("nothing expires before ttl * (1 - 0.5)")
          .isEqualTo(keys);
      advanceTo(Duration.ofSeconds(75));
      // Each key expires before 75 s with probability 1/2: all or none would be a 2^-199 fluke.
      assertThat(present(products, keys)).isStrictlyBetween(0, keys);
      advanceTo(Duration.ofMillis(100_001));
      assertThat(present(products, keys)).as("everything expires by the full ttl").isZero();
    }
  }

  @Test
  void withoutJitterEveryEntryLivesExactlyItsTtl() {
    try (Cachalot cachalot = cachalot(0, script())) {
      CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(spec().build());
      load(products, 1L, () -> new Product(1, "p1")); // draws no random number

      advanceTo(Duration.ofMillis(99_999));
      assertThat(products.getIfPresent(1L)).isNotNull();
      advanceTo(Duration.ofMillis(100_001));
      assertThat(products.getIfPresent(1L)).isNull();
    }
  }

  @Test
  void entriesWithoutTtlStayWithoutTtl() {
    try (Cachalot cachalot = cachalot(0.9, script())) {
      CacheAsideEngine<Long, Product> forever =
          caches(cachalot)
              .cacheAside(
                  CacheDeclaration.<Long, Product>named("forever")
                      .keyType(Long.class)
                      .valueType(Product.class)
                      .build());
      load(forever, 1L, () -> new Product(1, "p1"));

      advanceTo(Duration.ofDays(3650));
      assertThat(forever.getIfPresent(1L)).isNotNull();
    }
  }

  @Test
  void theFractionMustBeInZeroInclusiveToOneExclusive() {
    for (double bad : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
      assertThatThrownBy(() -> Cachalot.builder().ttlJitter(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ttlJitter");
    }
    Cachalot.builder().ttlJitter(0).ttlJitter(0.99);
  }

  private static int present(CacheAsideEngine<Long, Product> products, int keys) {
    int present = 0;
    for (long id = 0; id < keys; id++) {
      if (products.getIfPresent(id) != null) {
        present++;
      }
    }
    return present;
  }

  private static Product count(AtomicInteger loads, Product value) {
    loads.incrementAndGet();
    return value;
  }
}
