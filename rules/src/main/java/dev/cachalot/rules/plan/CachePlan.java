package dev.cachalot.rules.plan;

import dev.cachalot.annotations.Strategy;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A named cache as the uses known to the planner declare it: its strategy, key and value types, and
 * the settings some use gave. A setting not given is not in {@link #given()}; the runtime merges it
 * with what other decorators give and falls back to the default.
 *
 * @param <T> how types are represented (a {@code TypeRef}, or a {@code java.lang.reflect.Type} in
 *     the runtime's merge of declarations)
 * @param name the cache name
 * @param strategy its strategy
 * @param keyParts the boxed types of its key parts (none for a single-entry cache)
 * @param valueType its boxed value type
 * @param given the settings given explicitly: Durations for the TTLs, Longs or Integers for the
 *     counts, a String for the batch method
 * @param defaultTtl the {@code @CacheDefaults} ttl of an interface that uses it, or null
 */
public record CachePlan<T>(
    String name,
    Strategy strategy,
    List<T> keyParts,
    T valueType,
    Map<Setting, Object> given,
    Duration defaultTtl) {

  public CachePlan {
    keyParts = List.copyOf(keyParts);
    given = given.isEmpty() ? Map.of() : new EnumMap<>(given);
  }

  /** The explicit ttl, else the {@code @CacheDefaults} one, else null (no expiry). */
  public Duration ttl() {
    Duration ttl = (Duration) given.get(Setting.TTL);
    return ttl != null ? ttl : defaultTtl;
  }

  /** The given negativeTtl, or null (absence not cached). */
  public Duration negativeTtl() {
    return (Duration) given.get(Setting.NEGATIVE_TTL);
  }

  /** The given value of a count setting, or null. */
  public Number count(Setting setting) {
    return (Number) given.get(setting);
  }

  /** The given batch method, or empty. */
  public String batchMethod() {
    Object name = given.get(Setting.BATCH_METHOD);
    return name == null ? "" : (String) name;
  }
}
