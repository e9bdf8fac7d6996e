package dev.cachalot.rules;

import java.util.List;
import java.util.Map;

/**
 * What one annotation says about a named cache, with where it says it, for the consistency check of
 * {@link CacheRegistry}.
 *
 * @param <T> how the builder represents types (a {@code TypeMirror} at compile time, a {@code
 *     java.lang.reflect.Type} at run time)
 * @param <S> where a diagnostic points (an element and annotation value at compile time)
 * @param cache the cache name
 * @param strategy the strategy, or null for {@code @Invalidate}
 * @param keyParts the boxed key part types, or null when the use has no key
 * @param valueType the boxed value type, or null when the use has no value
 * @param settings the settings the annotation gives explicitly
 * @param defaultTtl the interface's {@code @CacheDefaults} ttl, or null
 * @param site where the annotation is
 * @param valueSite where the method's value type is written (its signature)
 * @param where the method, for messages about other uses: {@code ProductDao.findById(long)}
 */
public record CacheUse<T, S>(
    String cache,
    Strategy strategy,
    List<T> keyParts,
    T valueType,
    Map<Setting, Explicit<S>> settings,
    Explicit<S> defaultTtl,
    S site,
    S valueSite,
    String where) {

  /** A setting of a cache that may be given on any one of its methods. */
  public enum Setting {
    TTL("ttl"),
    NEGATIVE_TTL("negativeTtl"),
    FLUSH_MILLIS("flushMillis"),
    MAX_BATCH("maxBatch"),
    CAPACITY("capacity"),
    BATCH_METHOD("batchMethod");

    private final String attribute;

    Setting(String attribute) {
      this.attribute = attribute;
    }

    /** The annotation attribute that gives the setting. */
    public String attribute() {
      return attribute;
    }
  }

  /**
   * A value given explicitly, with where it was given.
   *
   * @param value the parsed value: a Duration, Long, Integer or String
   * @param text the value as written, for messages
   * @param site where it is written
   */
  public record Explicit<S>(Object value, String text, S site) {}
}
