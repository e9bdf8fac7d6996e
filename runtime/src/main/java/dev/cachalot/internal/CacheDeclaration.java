package dev.cachalot.internal;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What one decorator says about a named cache: its key and value types and the settings it gives. A
 * setting it does not give is {@code null} here: the cache takes it from another decorator's
 * declaration, or its default. Immutable and thread-safe. Generated decorators build one like this:
 *
 * <pre>{@code
 * CacheDeclaration.<Long, Product>named("products")
 *     .keyType(Long.class)
 *     .valueType(Product.class)
 *     .ttl(Duration.ofMinutes(10))
 *     .build()
 * }</pre>
 *
 * @param <K> the key type ({@link CompositeKey} for a key of several parts)
 * @param <V> the value type
 */
public final class CacheDeclaration<K, V> {

  private final String name;
  private final List<Type> keyTypes;
  private final Type valueType;
  private final Duration ttl;
  private final Duration defaultTtl;
  private final Duration negativeTtl;
  private final Duration flushInterval;
  private final Integer maxBatch;
  private final Integer capacity;
  private final String batchMethod;

  private CacheDeclaration(Builder<K, V> builder) {
    this.name = builder.name;
    this.keyTypes = List.copyOf(builder.keyTypes);
    this.valueType = builder.valueType;
    this.ttl = builder.ttl;
    this.defaultTtl = builder.defaultTtl;
    this.negativeTtl = builder.negativeTtl;
    this.flushInterval = builder.flushInterval;
    this.maxBatch = builder.maxBatch;
    this.capacity = builder.capacity;
    this.batchMethod = builder.batchMethod;
  }

  /** Starts the declaration of the cache called {@code name}. */
  public static <K, V> Builder<K, V> named(String name) {
    return new Builder<>(name);
  }

  public String name() {
    return name;
  }

  /**
   * The types of the key's parts: one for a simple key (an array part is an {@link ArrayKey}),
   * several for a {@link CompositeKey}, none for a {@link SingleKey}.
   */
  public List<Type> keyTypes() {
    return keyTypes;
  }

  /** The value type, with its type arguments if it is generic. */
  public Type valueType() {
    return valueType;
  }

  /** The ttl the annotations give, or null. */
  public Duration ttl() {
    return ttl;
  }

  /** The {@code @CacheDefaults} ttl of the decorated interface, or null. */
  public Duration defaultTtl() {
    return defaultTtl;
  }

  /** The negativeTtl the annotations give, or null. */
  public Duration negativeTtl() {
    return negativeTtl;
  }

  /** The write-behind flush interval the annotations give, or null. */
  public Duration flushInterval() {
    return flushInterval;
  }

  /** The write-behind maxBatch the annotations give, or null. */
  public Integer maxBatch() {
    return maxBatch;
  }

  /** The write-behind capacity the annotations give, or null. */
  public Integer capacity() {
    return capacity;
  }

  /** The write-behind batch method the annotations name, or null. */
  public String batchMethod() {
    return batchMethod;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CacheDeclaration<?, ?> that
        && name.equals(that.name)
        && keyTypes.equals(that.keyTypes)
        && valueType.equals(that.valueType)
        && Objects.equals(ttl, that.ttl)
        && Objects.equals(defaultTtl, that.defaultTtl)
        && Objects.equals(negativeTtl, that.negativeTtl)
        && Objects.equals(flushInterval, that.flushInterval)
        && Objects.equals(maxBatch, that.maxBatch)
        && Objects.equals(capacity, that.capacity)
        && Objects.equals(batchMethod, that.batchMethod);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name,
        keyTypes,
        valueType,
        ttl,
        defaultTtl,
        negativeTtl,
        flushInterval,
        maxBatch,
        capacity,
        batchMethod);
  }

  @Override
  public String toString() {
    return "declaration of cache '" + name + "' (key " + keyTypes + ", value " + valueType + ")";
  }

  /** Builds a {@link CacheDeclaration}. Not thread-safe. */
  public static final class Builder<K, V> {
    private final String name;
    private List<Type> keyTypes;
    private Type valueType;
    private Duration ttl;
    private Duration defaultTtl;
    private Duration negativeTtl;
    private Duration flushInterval;
    private Integer maxBatch;
    private Integer capacity;
    private String batchMethod;

    private Builder(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a cache name must not be empty");
      }
      this.name = name;
    }

    /**
     * The key's type, or the types of its parts, in order, for a {@link CompositeKey}; none for a
     * cache of a single entry ({@link SingleKey}).
     */
    public Builder<K, V> keyType(Type... parts) {
      this.keyTypes = Arrays.asList(parts.clone());
      return this;
    }

    /** The value type; use {@link Types#parameterized} for a generic one. */
    public Builder<K, V> valueType(Type valueType) {
      this.valueType = Objects.requireNonNull(valueType, "valueType");
      return this;
    }

    public Builder<K, V> ttl(Duration ttl) {
      this.ttl = positive("ttl", ttl);
      return this;
    }

    /** The {@code @CacheDefaults} ttl, which applies when no declaration gives a ttl. */
    public Builder<K, V> defaultTtl(Duration defaultTtl) {
      this.defaultTtl = positive("@CacheDefaults ttl", defaultTtl);
      return this;
    }

    public Builder<K, V> negativeTtl(Duration negativeTtl) {
      this.negativeTtl = positive("negativeTtl", negativeTtl);
      return this;
    }

    public Builder<K, V> flushInterval(Duration flushInterval) {
      this.flushInterval = positive("flushMillis", flushInterval);
      return this;
    }

    public Builder<K, V> maxBatch(int maxBatch) {
      this.maxBatch = atLeastOne("maxBatch", maxBatch);
      return this;
    }

    public Builder<K, V> capacity(int capacity) {
      this.capacity = atLeastOne("capacity", capacity);
      return this;
    }

    public Builder<K, V> batchMethod(String batchMethod) {
      this.batchMethod = Objects.requireNonNull(batchMethod, "batchMethod");
      return this;
    }

    /** Returns the declaration. */
    public CacheDeclaration<K, V> build() {
      if (keyTypes == null || valueType == null) {
        throw new IllegalStateException("cache '" + name + "': keyType and valueType are required");
      }
      return new CacheDeclaration<>(this);
    }

    private Duration positive(String what, Duration duration) {
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(
            "cache '" + name + "': " + what + " must be a positive duration, not " + duration);
      }
      return duration;
    }

    private int atLeastOne(String what, int count) {
      if (count < 1) {
        throw new IllegalArgumentException(
            "cache '" + name + "': " + what + " must be at least 1, not " + count);
      }
      return count;
    }
  }
}
