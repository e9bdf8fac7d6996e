package dev.cachalot;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The settings of one named cache as a decorator declares them: its key and value types and its
 * TTLs and write-behind buffer settings. Every decorator that names a cache must declare an equal
 * spec; {@link Cachalot} rejects a second, different one.
 *
 * <p>Immutable and thread-safe. Generated decorators build one like this:
 *
 * <pre>{@code
 * CacheSpec.<Long, Product>named("products")
 *     .keyType(Long.class)
 *     .valueType(Product.class)
 *     .ttl(Duration.ofMinutes(10))
 *     .build()
 * }</pre>
 *
 * @param <K> the key type ({@link CompositeKey} for a key of several parts)
 * @param <V> the value type
 */
public final class CacheSpec<K, V> {

  private final String name;
  private final List<Type> keyParts;
  private final Type valueType;
  private final Duration ttl;
  private final Duration negativeTtl;
  private final Duration flushInterval;
  private final int maxBatch;
  private final int capacity;

  private CacheSpec(Builder<K, V> builder) {
    this.name = builder.name;
    this.keyParts = List.copyOf(builder.keyParts);
    this.valueType = builder.valueType;
    this.ttl = builder.ttl;
    this.negativeTtl = builder.negativeTtl;
    this.flushInterval = builder.flushInterval;
    this.maxBatch = builder.maxBatch;
    this.capacity = builder.capacity;
  }

  /** Starts the spec of the cache called {@code name}. */
  public static <K, V> Builder<K, V> named(String name) {
    return new Builder<>(name);
  }

  /** The name of the cache. */
  public String name() {
    return name;
  }

  /** The types of the key's parts: one for a simple key, several for a {@link CompositeKey}. */
  public List<Type> keyParts() {
    return keyParts;
  }

  /** The value type, with its type arguments if it is generic. */
  public Type valueType() {
    return valueType;
  }

  /** How long an entry lives after it was filled or written; {@code null} means no expiry. */
  public Duration ttl() {
    return ttl;
  }

  /** How long an absence is remembered; {@code null} means absence is not cached. */
  public Duration negativeTtl() {
    return negativeTtl;
  }

  /** How often the write-behind buffer is flushed. */
  public Duration flushInterval() {
    return flushInterval;
  }

  /** How many pending keys trigger a flush, and the largest batch. */
  public int maxBatch() {
    return maxBatch;
  }

  /** How many keys may wait in the write-behind buffer. */
  public int capacity() {
    return capacity;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CacheSpec<?, ?> that
        && name.equals(that.name)
        && keyParts.equals(that.keyParts)
        && valueType.equals(that.valueType)
        && Objects.equals(ttl, that.ttl)
        && Objects.equals(negativeTtl, that.negativeTtl)
        && flushInterval.equals(that.flushInterval)
        && maxBatch == that.maxBatch
        && capacity == that.capacity;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name, keyParts, valueType, ttl, negativeTtl, flushInterval, maxBatch, capacity);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("cache '").append(name).append("' (key ");
    for (int i = 0; i < keyParts.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(keyParts.get(i).getTypeName());
    }
    text.append(", value ").append(valueType.getTypeName());
    text.append(", ttl ").append(ttl == null ? "none" : ttl);
    if (negativeTtl != null) {
      text.append(", negativeTtl ").append(negativeTtl);
    }
    return text.append(", flush every ")
        .append(flushInterval.toMillis())
        .append("ms, maxBatch ")
        .append(maxBatch)
        .append(", capacity ")
        .append(capacity)
        .append(')')
        .toString();
  }

  /** Builds a {@link CacheSpec}. Not thread-safe. */
  public static final class Builder<K, V> {
    private final String name;
    private List<Type> keyParts;
    private Type valueType;
    private Duration ttl;
    private Duration negativeTtl;
    private Duration flushInterval = Duration.ofSeconds(1);
    private int maxBatch = 500;
    private int capacity = 100_000;

    private Builder(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a cache name must not be empty");
      }
      this.name = name;
    }

    /** The key's type, or the types of its parts, in order, for a {@link CompositeKey}. */
    public Builder<K, V> keyType(Type... parts) {
      if (parts.length == 0) {
        throw new IllegalArgumentException("cache '" + name + "': a key has at least one part");
      }
      this.keyParts = Arrays.asList(parts.clone());
      return this;
    }

    /** The value type; use {@link Types#parameterized} for a generic one. */
    public Builder<K, V> valueType(Type valueType) {
      this.valueType = Objects.requireNonNull(valueType, "valueType");
      return this;
    }

    /** How long an entry lives; not calling this means no expiry. */
    public Builder<K, V> ttl(Duration ttl) {
      this.ttl = positive("ttl", ttl);
      return this;
    }

    /** How long an absence is remembered; not calling this means absence is not cached. */
    public Builder<K, V> negativeTtl(Duration negativeTtl) {
      this.negativeTtl = positive("negativeTtl", negativeTtl);
      return this;
    }

    /** How often the write-behind buffer is flushed (default one second). */
    public Builder<K, V> flushInterval(Duration flushInterval) {
      this.flushInterval = positive("flushInterval", flushInterval);
      return this;
    }

    /** How many pending keys trigger a flush, and the largest batch (default 500). */
    public Builder<K, V> maxBatch(int maxBatch) {
      if (maxBatch < 1) {
        throw new IllegalArgumentException(
            "cache '" + name + "': maxBatch must be at least 1, not " + maxBatch);
      }
      this.maxBatch = maxBatch;
      return this;
    }

    /** How many keys may wait in the write-behind buffer (default 100,000). */
    public Builder<K, V> capacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException(
            "cache '" + name + "': capacity must be at least 1, not " + capacity);
      }
      this.capacity = capacity;
      return this;
    }

    /** Returns the spec. */
    public CacheSpec<K, V> build() {
      if (keyParts == null || valueType == null) {
        throw new IllegalStateException("cache '" + name + "': keyType and valueType are required");
      }
      if (capacity < maxBatch) {
        throw new IllegalStateException(
            "cache '" + name + "': capacity " + capacity + " is smaller than maxBatch " + maxBatch);
      }
      return new CacheSpec<>(this);
    }

    private Duration positive(String what, Duration duration) {
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(
            "cache '" + name + "': " + what + " must be a positive duration, not " + duration);
      }
      return duration;
    }
  }
}
