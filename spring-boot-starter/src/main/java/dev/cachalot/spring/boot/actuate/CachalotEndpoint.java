package dev.cachalot.spring.boot.actuate;

import dev.cachalot.Cachalot;
import dev.cachalot.CacheHandle;
import dev.cachalot.CacheSpec;
import dev.cachalot.CacheStats;
import dev.cachalot.annotations.Strategy;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code cachalot} Actuator endpoint: every cache of the {@link Cachalot} with its strategy,
 * settings, statistics and pending write-behind writes; and, per cache, a {@code flush} and an
 * {@code invalidateAll} operation.
 *
 * <ul>
 *   <li>{@code GET /actuator/cachalot}: every cache.
 *   <li>{@code GET /actuator/cachalot/{cache}}: one cache (404 when there is none).
 *   <li>{@code POST /actuator/cachalot/{cache}/flush}: writes the cache's pending write-behind
 *       writes now and returns once they are in the database (a failure is an error response, and
 *       the writes stay pending); does nothing for the other strategies.
 *   <li>{@code POST /actuator/cachalot/{cache}/invalidateAll}: empties the cache (pending writes
 *       stay pending).
 * </ul>
 *
 * <p>Both operations answer with the cache as it is afterwards. Thread-safe.
 */
@Endpoint(id = "cachalot")
public class CachalotEndpoint {

  private final Cachalot cachalot;

  /** The endpoint of {@code cachalot}'s caches. */
  public CachalotEndpoint(Cachalot cachalot) {
    this.cachalot = Objects.requireNonNull(cachalot, "cachalot");
  }

  /** Every cache, by name. */
  @ReadOperation
  public CachalotDescriptor caches() {
    Map<String, CacheDescriptor> caches = new LinkedHashMap<>();
    for (CacheHandle cache : cachalot.caches()) {
      caches.put(cache.name(), describe(cache));
    }
    return new CachalotDescriptor(caches);
  }

  /** The cache called {@code cache}, or null (404) when there is none. */
  @ReadOperation
  public CacheDescriptor cache(@Selector String cache) {
    CacheHandle handle = find(cache);
    return handle == null ? null : describe(handle);
  }

  /**
   * Runs {@code operation} ({@code flush} or {@code invalidateAll}) on the cache called {@code
   * cache}; returns the cache as it is afterwards.
   *
   * @throws InvalidEndpointRequestException (400) when there is no such cache or operation
   */
  @WriteOperation
  public CacheDescriptor operate(@Selector String cache, @Selector String operation) {
    CacheHandle handle = find(cache);
    if (handle == null) {
      throw new InvalidEndpointRequestException(
          "there is no cache '" + cache + "'", "No cache named '" + cache + "'");
    }
    switch (operation) {
      case "flush" -> handle.flush();
      case "invalidateAll" -> handle.invalidateAll();
      default ->
          throw new InvalidEndpointRequestException(
              "unknown operation '" + operation + "' on cache '" + cache + "'",
              "Unknown operation '" + operation + "': use flush or invalidateAll");
    }
    return describe(handle);
  }

  private CacheHandle find(String name) {
    for (CacheHandle handle : cachalot.caches()) {
      if (handle.name().equals(name)) {
        return handle;
      }
    }
    return null;
  }

  private static CacheDescriptor describe(CacheHandle cache) {
    CacheStats stats = cache.stats();
    return new CacheDescriptor(
        cache.strategy(),
        settings(cache.spec()),
        stats,
        stats.pendingWrites(),
        new TreeMap<>(cache.storeStatistics()));
  }

  private static Map<String, Object> settings(CacheSpec spec) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("keyTypes", spec.keyTypes().stream().map(Type::getTypeName).toList());
    settings.put("valueType", spec.valueType().getTypeName());
    settings.put("ttl", spec.ttl().map(Duration::toString).orElse(null));
    settings.put("negativeTtl", spec.negativeTtl().map(Duration::toString).orElse(null));
    if (spec.strategy() == Strategy.WRITE_BEHIND) {
      settings.put("flushInterval", spec.flushInterval().toString());
      settings.put("maxBatch", spec.maxBatch());
      settings.put("capacity", spec.capacity());
      settings.put("batchMethod", spec.batchMethod().orElse(null));
    }
    settings.put("given", List.copyOf(spec.givenSettings()));
    return settings;
  }

  /**
   * What the endpoint answers for the whole Cachalot.
   *
   * @param caches every cache, by name, in order
   */
  public record CachalotDescriptor(Map<String, CacheDescriptor> caches)
      implements OperationResponseBody {}

  /**
   * What the endpoint answers for one cache.
   *
   * @param strategy the cache's strategy
   * @param settings its merged settings: key and value types, {@code ttl} and {@code negativeTtl}
   *     (ISO-8601, null when not given), for write-behind {@code flushInterval}, {@code maxBatch},
   *     {@code capacity} and {@code batchMethod}, and {@code given}, the settings some decorator
   *     gave (the others have their defaults)
   * @param stats its counters since it was created
   * @param pendingWrites write-behind writes and deletes not yet in the database
   * @param storeStatistics what the store counts of it (empty for the in-process store)
   */
  public record CacheDescriptor(
      Strategy strategy,
      Map<String, Object> settings,
      CacheStats stats,
      long pendingWrites,
      Map<String, Long> storeStatistics)
      implements OperationResponseBody {}
}
