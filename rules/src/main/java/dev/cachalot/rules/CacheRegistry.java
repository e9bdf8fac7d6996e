package dev.cachalot.rules;

import dev.cachalot.annotations.WriteBehind;
import dev.cachalot.rules.CacheUse.Explicit;
import dev.cachalot.rules.CacheUse.Setting;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything known about each named cache, merged use by use: one strategy, one key type, one value
 * type and one set of settings per cache. The first use of a property sets it; a later use that
 * differs is an error on that later use, naming the first. The processor keeps one for a whole
 * compilation; the run-time fallback one per interface it builds. Not thread-safe.
 *
 * @param <T> how the builder represents types
 * @param <S> where a diagnostic points
 */
public final class CacheRegistry<T, S> {

  private final class State {
    Strategy strategy;
    String strategyWhere;
    List<T> keyParts;
    String keyWhere;
    T valueType;
    String valueWhere;
    final Map<Setting, Explicit<S>> settings = new EnumMap<>(Setting.class);
    final Map<Setting, String> settingWhere = new EnumMap<>(Setting.class);
    Explicit<S> defaultTtl;
    String defaultTtlWhere;
  }

  private final BiPredicate<T, T> sameType;
  private final Function<T, String> typeName;
  private final Map<String, State> caches = new HashMap<>();
  private final Set<String> failed = new HashSet<>();

  /**
   * A registry that compares types with {@code sameType} and names them in messages with {@code
   * typeName}.
   */
  public CacheRegistry(BiPredicate<T, T> sameType, Function<T, String> typeName) {
    this.sameType = sameType;
    this.typeName = typeName;
  }

  /** Merges {@code use} into what is known of its cache, reporting each conflict. */
  public void register(CacheUse<T, S> use, Problems<S> problems) {
    State state = caches.computeIfAbsent(use.cache(), name -> new State());
    if (use.strategy() != null) {
      if (state.strategy == null) {
        state.strategy = use.strategy();
        state.strategyWhere = use.where();
      } else if (state.strategy != use.strategy()) {
        problems.report(
            use.site(),
            Message.STRATEGY_CONFLICT,
            use.cache(),
            use.strategy().annotation(),
            state.strategy.annotation(),
            state.strategyWhere);
      }
    }
    if (use.keyParts() != null) {
      if (state.keyParts == null) {
        state.keyParts = use.keyParts();
        state.keyWhere = use.where();
      } else if (!sameTypes(state.keyParts, use.keyParts())) {
        problems.report(
            use.site(),
            Message.KEY_TYPE_CONFLICT,
            use.cache(),
            describe(use.keyParts()),
            describe(state.keyParts),
            state.keyWhere);
      }
    }
    if (use.valueType() != null) {
      if (state.valueType == null) {
        state.valueType = use.valueType();
        state.valueWhere = use.where();
      } else if (!sameType.test(state.valueType, use.valueType())) {
        problems.report(
            use.valueSite(),
            Message.VALUE_TYPE_CONFLICT,
            use.cache(),
            typeName.apply(use.valueType()),
            typeName.apply(state.valueType),
            state.valueWhere);
      }
    }
    use.settings()
        .forEach(
            (setting, explicit) -> {
              Explicit<S> known = state.settings.get(setting);
              if (known == null) {
                state.settings.put(setting, explicit);
                state.settingWhere.put(setting, use.where());
              } else if (!known.value().equals(explicit.value())) {
                conflict(
                    problems,
                    use,
                    setting.attribute(),
                    explicit,
                    known,
                    state.settingWhere.get(setting));
              }
            });
    if (use.defaultTtl() != null) {
      if (state.defaultTtl == null) {
        state.defaultTtl = use.defaultTtl();
        state.defaultTtlWhere = use.where();
      } else if (!state.defaultTtl.value().equals(use.defaultTtl().value())) {
        conflict(
            problems,
            use,
            "@CacheDefaults ttl",
            use.defaultTtl(),
            state.defaultTtl,
            state.defaultTtlWhere);
      }
    }
  }

  private void conflict(
      Problems<S> problems,
      CacheUse<T, S> use,
      String what,
      Explicit<S> here,
      Explicit<S> known,
      String knownWhere) {
    problems.report(
        here.site(),
        Message.SETTING_CONFLICT,
        use.cache(),
        what,
        here.text(),
        known.text(),
        knownWhere);
  }

  /**
   * Records that a method of {@code cache} was rejected, so that what the cache lacks because of it
   * (a value type) is not reported as a second error.
   */
  public void markFailed(String cache) {
    failed.add(cache);
  }

  /** Whether a method of {@code cache} was rejected. */
  public boolean hasFailed(String cache) {
    return failed.contains(cache);
  }

  /** Whether a strategy is declared for {@code cache}. */
  public boolean hasStrategy(String cache) {
    State state = caches.get(cache);
    return state != null && state.strategy != null;
  }

  /** The boxed key part types of {@code cache}, or null when unknown. */
  public List<T> keyParts(String cache) {
    State state = caches.get(cache);
    return state == null ? null : state.keyParts;
  }

  /** The value type of {@code cache}, or null when no read or write declares it. */
  public T valueType(String cache) {
    State state = caches.get(cache);
    return state == null ? null : state.valueType;
  }

  /**
   * The cache as its uses declare it, with defaults filled in; {@code cache} must have a strategy,
   * key type and value type.
   */
  public CacheModel<T> model(String cache) {
    State state = caches.get(cache);
    Duration ttl = (Duration) valueOf(state, Setting.TTL);
    if (ttl == null && state.defaultTtl != null) {
      ttl = (Duration) state.defaultTtl.value();
    }
    Object flushMillis = valueOf(state, Setting.FLUSH_MILLIS);
    Object maxBatch = valueOf(state, Setting.MAX_BATCH);
    Object capacity = valueOf(state, Setting.CAPACITY);
    Object batchMethod = valueOf(state, Setting.BATCH_METHOD);
    return new CacheModel<>(
        cache,
        state.strategy,
        state.keyParts,
        state.valueType,
        ttl,
        (Duration) valueOf(state, Setting.NEGATIVE_TTL),
        flushMillis == null ? WriteBehind.DEFAULT_FLUSH_MILLIS : ((Number) flushMillis).longValue(),
        maxBatch == null ? WriteBehind.DEFAULT_MAX_BATCH : ((Number) maxBatch).intValue(),
        capacity == null ? WriteBehind.DEFAULT_CAPACITY : ((Number) capacity).intValue(),
        batchMethod == null ? "" : (String) batchMethod);
  }

  /** Where {@code setting} of {@code cache} was given, or null. */
  public Explicit<S> explicit(String cache, Setting setting) {
    State state = caches.get(cache);
    return state == null ? null : state.settings.get(setting);
  }

  /**
   * Reports a write-behind buffer smaller than a batch, at the setting that sized it, when {@code
   * mine} says that site is one this caller reports on.
   */
  public void checkBufferSize(
      CacheModel<T> cache, java.util.function.Predicate<S> mine, Problems<S> problems) {
    if (cache.strategy() != Strategy.WRITE_BEHIND || cache.capacity() >= cache.maxBatch()) {
      return;
    }
    Explicit<S> capacity = explicit(cache.name(), Setting.CAPACITY);
    Explicit<S> at = capacity != null ? capacity : explicit(cache.name(), Setting.MAX_BATCH);
    if (at != null && mine.test(at.site())) {
      problems.report(
          at.site(),
          Message.CAPACITY_BELOW_MAX_BATCH,
          cache.capacity(),
          cache.maxBatch(),
          cache.name(),
          cache.maxBatch());
    }
  }

  private static Object valueOf(CacheRegistry<?, ?>.State state, Setting setting) {
    Explicit<?> explicit = state.settings.get(setting);
    return explicit == null ? null : explicit.value();
  }

  private boolean sameTypes(List<T> a, List<T> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!sameType.test(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Describes key part types for messages: {@code java.lang.Long} or {@code (String, Long)}. */
  public String describe(List<T> keyParts) {
    if (keyParts.size() == 1) {
      return typeName.apply(keyParts.get(0));
    }
    return keyParts.stream().map(typeName).collect(Collectors.joining(", ", "(", ")"));
  }
}
