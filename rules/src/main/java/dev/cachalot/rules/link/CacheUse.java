package dev.cachalot.rules.link;

import dev.cachalot.annotations.Strategy;
import dev.cachalot.rules.plan.Setting;
import java.util.List;
import java.util.Map;

/**
 * What one annotation (or one run-time declaration) says about a named cache, with where it says
 * it, for the consistency rules of {@link CacheRegistry}.
 *
 * @param <T> how types are represented
 * @param <S> where a diagnostic points
 * @param cache the cache name
 * @param strategy the strategy, or null for {@code @Invalidate}
 * @param keyParts the boxed key part types, or null when the use has no key
 * @param valueType the boxed value type, or null when the use has no value
 * @param settings the settings given explicitly
 * @param defaultTtl the {@code @CacheDefaults} ttl of the interface, or null
 * @param site where the annotation is
 * @param valueSite where the method's value type is written (its signature)
 * @param where the use, as messages about later uses name it: {@code ProductDao.findById(long)}
 * @param writes whether the use writes or deletes (a write, a delete), rather than reads or
 *     invalidates
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
    String where,
    boolean writes) {

  public CacheUse {
    keyParts = keyParts == null ? null : List.copyOf(keyParts);
    settings = Map.copyOf(settings);
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
