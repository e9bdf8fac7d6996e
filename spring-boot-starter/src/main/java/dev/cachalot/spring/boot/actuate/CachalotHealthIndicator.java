package dev.cachalot.spring.boot.actuate;

import dev.cachalot.Cachalot;
import dev.cachalot.CacheHandle;
import dev.cachalot.CacheStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of a {@link Cachalot}: {@code DOWN} while some write-behind write keeps failing (it
 * failed at least {@code cachalot.still-failing-after} times in a row and is still pending), or
 * while a store's circuit breaker is open (a store that reports {@code breaker.open} = 1, as the
 * Redis tier does); else {@code UP}. The details say how many caches there are, how many writes are
 * pending, and, per cache that is the reason for {@code DOWN}, why.
 *
 * <p>Reads the caches' counters only; cheap, thread-safe.
 */
public class CachalotHealthIndicator extends AbstractHealthIndicator {

  private final Cachalot cachalot;

  /** The health of {@code cachalot}. */
  public CachalotHealthIndicator(Cachalot cachalot) {
    super("Cachalot health check failed");
    this.cachalot = Objects.requireNonNull(cachalot, "cachalot");
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    long pending = 0;
    int caches = 0;
    Map<String, Map<String, Object>> problems = new LinkedHashMap<>();
    for (CacheHandle cache : cachalot.caches()) {
      caches++;
      CacheStats stats = cache.stats();
      pending += stats.pendingWrites();
      Map<String, Object> problem = new LinkedHashMap<>();
      if (stats.writesStillFailing() > 0) {
        problem.put("writesStillFailing", stats.writesStillFailing());
        problem.put("pendingWrites", stats.pendingWrites());
      }
      Long breaker = cache.storeStatistics().get("breaker.open");
      if (breaker != null && breaker == 1) {
        problem.put("breaker", "open");
      }
      if (!problem.isEmpty()) {
        problems.put(cache.name(), problem);
      }
    }
    if (problems.isEmpty()) {
      builder.up();
    } else {
      builder.down().withDetail("failing", problems);
    }
    builder.withDetail("caches", caches).withDetail("pendingWrites", pending);
  }
}
