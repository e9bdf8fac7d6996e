package dev.cachalot;

import dev.cachalot.annotations.Strategy;
import dev.cachalot.annotations.WriteBehind;
import dev.cachalot.rules.plan.CachePlan;
import dev.cachalot.rules.plan.Setting;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of one named cache as its decorators declare them together: its strategy, key and
 * value types, TTLs and write-behind buffer settings. A setting that no decorator gives has its
 * default; {@link #givenSettings()} tells which were given, so "not given" (a default) is not
 * mistaken for a choice such as "no expiry". When a decorator created later gives a setting the
 * earlier ones did not, the cache adopts it (see {@link Cachalot#decorate}).
 *
 * <p>Immutable and thread-safe. Obtained from {@link CacheHandle#spec()}.
 */
public final class CacheSpec {

  private final String name;
  private final Strategy strategy;
  private final List<Type> keyTypes;
  private final Type valueType;
  private final Duration ttl;
  private final Duration negativeTtl;
  private final Duration flushInterval;
  private final int maxBatch;
  private final int capacity;
  private final String batchMethod;
  private final Set<String> givenSettings;
  private final double ttlJitter;

  private CacheSpec(CachePlan<Type> plan, double ttlJitter) {
    this.ttlJitter = ttlJitter;
    this.name = plan.name();
    this.strategy = plan.strategy();
    this.keyTypes = List.copyOf(plan.keyParts());
    this.valueType = plan.valueType();
    this.ttl = plan.ttl();
    this.negativeTtl = plan.negativeTtl();
    Number flushMillis = plan.count(Setting.FLUSH_MILLIS);
    this.flushInterval =
        Duration.ofMillis(
            flushMillis == null ? WriteBehind.DEFAULT_FLUSH_MILLIS : flushMillis.longValue());
    Number batch = plan.count(Setting.MAX_BATCH);
    this.maxBatch = batch == null ? WriteBehind.DEFAULT_MAX_BATCH : batch.intValue();
    Number room = plan.count(Setting.CAPACITY);
    this.capacity = room == null ? WriteBehind.DEFAULT_CAPACITY : room.intValue();
    this.batchMethod = plan.batchMethod();
    Set<String> given = new LinkedHashSet<>();
    for (Setting setting : plan.given().keySet()) {
      given.add(setting.attribute());
    }
    if (plan.defaultTtl() != null) {
      given.add(Setting.TTL.attribute());
    }
    this.givenSettings = Collections.unmodifiableSet(given);
  }

  /**
   * The spec of the cache as the merged declarations {@code plan} describe it, in a Cachalot whose
   * TTL jitter is {@code ttlJitter}.
   */
  static CacheSpec of(CachePlan<Type> plan, double ttlJitter) {
    return new CacheSpec(plan, ttlJitter);
  }

  /** The name of the cache. */
  public String name() {
    return name;
  }

  /** The strategy of the cache. */
  public Strategy strategy() {
    return strategy;
  }

  /** The types of the key's parts, in order: one for a simple key. */
  public List<Type> keyTypes() {
    return keyTypes;
  }

  /** The value type, with its type arguments if it is generic. */
  public Type valueType() {
    return valueType;
  }

  /**
   * How long an entry lives after it was filled or written: the {@code ttl} a decorator gives, else
   * the {@code @CacheDefaults} ttl of one; empty when neither is given (entries never expire).
   */
  public Optional<Duration> ttl() {
    return Optional.ofNullable(ttl);
  }

  /** How long an absence is remembered; empty when no decorator gives one (not remembered). */
  public Optional<Duration> negativeTtl() {
    return Optional.ofNullable(negativeTtl);
  }

  /** How often the write-behind buffer is flushed ({@code flushMillis}, default one second). */
  public Duration flushInterval() {
    return flushInterval;
  }

  /** How many pending keys trigger a flush, and the largest batch (default 500). */
  public int maxBatch() {
    return maxBatch;
  }

  /** How many keys may wait in the write-behind buffer (default 100,000). */
  public int capacity() {
    return capacity;
  }

  /** The name of the write-behind batch method, if a decorator names one. */
  public Optional<String> batchMethod() {
    return batchMethod.isEmpty() ? Optional.empty() : Optional.of(batchMethod);
  }

  /**
   * The attributes of the settings some decorator gives ({@code "ttl"}, {@code "negativeTtl"},
   * {@code "flushMillis"}, {@code "maxBatch"}, {@code "capacity"}, {@code "batchMethod"}); every
   * other setting has its default. A {@code @CacheDefaults} ttl counts as given.
   */
  public Set<String> givenSettings() {
    return givenSettings;
  }

  /**
   * The fraction by which each entry's TTL is shortened at random ({@code [0, 1)}; the Cachalot's
   * {@code ttlJitter}): 0 means every entry of the cache lives exactly its TTL, which lets a store
   * expire them all alike.
   */
  public double ttlJitter() {
    return ttlJitter;
  }

  /** The ttl, or null for no expiry; for the engines. */
  Duration ttlOrNull() {
    return ttl;
  }

  /** The negativeTtl, or null; for the engines. */
  Duration negativeTtlOrNull() {
    return negativeTtl;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CacheSpec that
        && name.equals(that.name)
        && strategy == that.strategy
        && keyTypes.equals(that.keyTypes)
        && valueType.equals(that.valueType)
        && Objects.equals(ttl, that.ttl)
        && Objects.equals(negativeTtl, that.negativeTtl)
        && flushInterval.equals(that.flushInterval)
        && maxBatch == that.maxBatch
        && capacity == that.capacity
        && batchMethod.equals(that.batchMethod)
        && givenSettings.equals(that.givenSettings)
        && ttlJitter == that.ttlJitter;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, strategy, keyTypes, valueType, ttl, negativeTtl, flushInterval);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("cache '").append(name).append("' (").append(strategy);
    text.append(", key ");
    for (int i = 0; i < keyTypes.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(keyTypes.get(i).getTypeName());
    }
    text.append(", value ").append(valueType.getTypeName());
    text.append(", ttl ").append(ttl == null ? "none" : ttl);
    if (negativeTtl != null) {
      text.append(", negativeTtl ").append(negativeTtl);
    }
    if (strategy == Strategy.WRITE_BEHIND) {
      text.append(", flush every ")
          .append(flushInterval.toMillis())
          .append("ms, maxBatch ")
          .append(maxBatch)
          .append(", capacity ")
          .append(capacity);
      if (!batchMethod.isEmpty()) {
        text.append(", batchMethod ").append(batchMethod);
      }
    }
    return text.append(')').toString();
  }
}
