package dev.cachalot.processor.validation;

import dev.cachalot.annotations.WriteBehind;
import dev.cachalot.processor.model.CacheModel;
import dev.cachalot.processor.model.Strategy;
import dev.cachalot.processor.validation.CacheUse.Explicit;
import dev.cachalot.processor.validation.CacheUse.Setting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Everything the compilation says about each named cache, merged use by use: one strategy, one key
 * type, one value type and one set of settings per cache. The first use of a property sets it; a
 * later use that differs is an error on that later use, naming the first. Lives for the whole
 * compilation, across rounds. Not thread-safe.
 */
public final class CacheRegistry {

  private static final class State {
    Strategy strategy;
    String strategyWhere;
    List<TypeMirror> keyParts;
    String keyWhere;
    TypeMirror valueType;
    String valueWhere;
    final Map<Setting, Explicit> settings = new EnumMap<>(Setting.class);
    final Map<Setting, String> settingWhere = new EnumMap<>(Setting.class);
    Explicit defaultTtl;
    String defaultTtlWhere;
  }

  private final Types types;
  private final Map<String, State> caches = new HashMap<>();
  private final java.util.Set<String> failed = new java.util.HashSet<>();

  public CacheRegistry(Types types) {
    this.types = types;
  }

  /** Merges {@code use} into what is known of its cache, reporting each conflict. */
  public void register(CacheUse use, Report report) {
    State state = caches.computeIfAbsent(use.cache(), name -> new State());
    if (use.strategy() != null) {
      if (state.strategy == null) {
        state.strategy = use.strategy();
        state.strategyWhere = use.where();
      } else if (state.strategy != use.strategy()) {
        report.error(
            Message.STRATEGY_CONFLICT,
            use.element(),
            use.annotation(),
            null,
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
        report.error(
            Message.KEY_TYPE_CONFLICT,
            use.element(),
            use.annotation(),
            null,
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
      } else if (!types.isSameType(state.valueType, use.valueType())) {
        // On the method rather than the annotation: its signature is where the value type is.
        report.error(
            Message.VALUE_TYPE_CONFLICT,
            use.element(),
            use.cache(),
            use.valueType(),
            state.valueType,
            state.valueWhere);
      }
    }
    use.settings()
        .forEach(
            (setting, explicit) -> {
              Explicit known = state.settings.get(setting);
              if (known == null) {
                state.settings.put(setting, explicit);
                state.settingWhere.put(setting, use.where());
              } else if (!known.value().equals(explicit.value())) {
                conflict(
                    report,
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
            report,
            use,
            "@CacheDefaults ttl",
            use.defaultTtl(),
            state.defaultTtl,
            state.defaultTtlWhere);
      }
    }
  }

  private static void conflict(
      Report report, CacheUse use, String what, Explicit here, Explicit known, String knownWhere) {
    report.error(
        Message.SETTING_CONFLICT,
        here.element(),
        here.annotation(),
        here.position(),
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

  /** Whether the compilation declares a strategy for {@code cache}. */
  public boolean hasStrategy(String cache) {
    State state = caches.get(cache);
    return state != null && state.strategy != null;
  }

  /** The boxed key part types of {@code cache}, or null when unknown. */
  public List<TypeMirror> keyParts(String cache) {
    State state = caches.get(cache);
    return state == null ? null : state.keyParts;
  }

  /** The value type of {@code cache}, or null when no read or write declares it. */
  public TypeMirror valueType(String cache) {
    State state = caches.get(cache);
    return state == null ? null : state.valueType;
  }

  /**
   * The cache as the compilation declares it, with defaults filled in; {@code cache} must have a
   * strategy, key type and value type.
   */
  public CacheModel model(String cache) {
    State state = caches.get(cache);
    Duration ttl = (Duration) valueOf(state, Setting.TTL);
    if (ttl == null && state.defaultTtl != null) {
      ttl = (Duration) state.defaultTtl.value();
    }
    Object flushMillis = valueOf(state, Setting.FLUSH_MILLIS);
    Object maxBatch = valueOf(state, Setting.MAX_BATCH);
    Object capacity = valueOf(state, Setting.CAPACITY);
    Object batchMethod = valueOf(state, Setting.BATCH_METHOD);
    return new CacheModel(
        cache,
        state.strategy,
        state.keyParts,
        state.valueType,
        ttl,
        (Duration) valueOf(state, Setting.NEGATIVE_TTL),
        flushMillis == null ? WriteBehind.DEFAULT_FLUSH_MILLIS : (Long) flushMillis,
        maxBatch == null ? WriteBehind.DEFAULT_MAX_BATCH : (Integer) maxBatch,
        capacity == null ? WriteBehind.DEFAULT_CAPACITY : (Integer) capacity,
        batchMethod == null ? "" : (String) batchMethod);
  }

  /** Where {@code setting} of {@code cache} was given, or null. */
  public Explicit explicit(String cache, Setting setting) {
    State state = caches.get(cache);
    return state == null ? null : state.settings.get(setting);
  }

  private static Object valueOf(State state, Setting setting) {
    Explicit explicit = state.settings.get(setting);
    return explicit == null ? null : explicit.value();
  }

  private boolean sameTypes(List<TypeMirror> a, List<TypeMirror> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!types.isSameType(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Describes key part types for messages: {@code java.lang.Long} or {@code (String, Long)}. */
  public static String describe(List<TypeMirror> keyParts) {
    if (keyParts.size() == 1) {
      return keyParts.get(0).toString();
    }
    return keyParts.stream().map(TypeMirror::toString).collect(Collectors.joining(", ", "(", ")"));
  }

  /** The names of every cache known so far (for tests and messages). */
  public List<String> names() {
    return new ArrayList<>(caches.keySet());
  }
}
