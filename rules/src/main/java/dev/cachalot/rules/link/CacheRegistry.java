package dev.cachalot.rules.link;

import dev.cachalot.annotations.Strategy;
import dev.cachalot.rules.diagnostic.Message;
import dev.cachalot.rules.diagnostic.Problems;
import dev.cachalot.rules.link.CacheUse.Explicit;
import dev.cachalot.rules.plan.CachePlan;
import dev.cachalot.rules.plan.Setting;
import java.time.Duration;
import java.util.ArrayList;
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
 * type and one set of settings per cache. A property not given by a use takes the value another use
 * gave; only two explicit, different values conflict, and the conflict is reported on the later
 * use, naming the earlier one. A use with a conflict changes nothing (so a rejected run-time
 * declaration leaves the cache as it was).
 *
 * <p>The processor keeps one registry for a whole compilation; the run-time fallback one per
 * interface it plans; each {@code Cachalot} one for the declarations of every decorator it created.
 * Not thread-safe.
 *
 * @param <T> how types are represented
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

    /** The {@code @CacheDefaults} ttl of the first use that gives no ttl of its own. */
    Explicit<S> reliedOnDefaultTtl;

    String reliedOnDefaultTtlWhere;
    boolean written;
  }

  private final BiPredicate<T, T> sameType;
  private final Function<T, String> typeName;
  private final Map<String, State> caches = new HashMap<>();
  private final Set<String> failed = new HashSet<>();

  /** The caches whose replaced {@code @CacheDefaults} ttl was reported already: once is enough. */
  private final Set<String> ttlWarned = new HashSet<>();

  /**
   * A registry that compares types with {@code sameType} and names them in messages with {@code
   * typeName}.
   */
  public CacheRegistry(BiPredicate<T, T> sameType, Function<T, String> typeName) {
    this.sameType = sameType;
    this.typeName = typeName;
  }

  /**
   * Merges {@code use} into what is known of its cache, or, when it conflicts with what is known,
   * reports every conflict and changes nothing. Returns whether it was merged.
   */
  public boolean register(CacheUse<T, S> use, Problems<S> problems) {
    State state = caches.get(use.cache());
    if (state == null) {
      state = new State();
    }
    List<Runnable> conflicts = new ArrayList<>();
    State known = state;
    if (use.strategy() != null && known.strategy != null && known.strategy != use.strategy()) {
      conflicts.add(
          () ->
              problems.report(
                  use.site(),
                  Message.STRATEGY_CONFLICT,
                  use.cache(),
                  use.strategy().annotationType().getSimpleName(),
                  known.strategy.annotationType().getSimpleName(),
                  known.strategyWhere));
    }
    if (use.keyParts() != null
        && known.keyParts != null
        && !sameTypes(known.keyParts, use.keyParts())) {
      conflicts.add(
          () ->
              problems.report(
                  use.site(),
                  Message.KEY_TYPE_CONFLICT,
                  use.cache(),
                  describe(use.keyParts()),
                  describe(known.keyParts),
                  known.keyWhere));
    }
    if (use.valueType() != null
        && known.valueType != null
        && !sameType.test(known.valueType, use.valueType())) {
      conflicts.add(
          () ->
              problems.report(
                  use.valueSite(),
                  Message.VALUE_TYPE_CONFLICT,
                  use.cache(),
                  typeName.apply(use.valueType()),
                  typeName.apply(known.valueType),
                  known.valueWhere));
    }
    use.settings()
        .forEach(
            (setting, explicit) -> {
              Explicit<S> before = known.settings.get(setting);
              if (before != null && !before.value().equals(explicit.value())) {
                conflicts.add(
                    () ->
                        conflict(
                            problems,
                            use,
                            setting.attribute(),
                            explicit,
                            before,
                            known.settingWhere.get(setting)));
              }
            });
    if (use.defaultTtl() != null
        && known.defaultTtl != null
        && !known.defaultTtl.value().equals(use.defaultTtl().value())) {
      conflicts.add(
          () ->
              conflict(
                  problems,
                  use,
                  "@CacheDefaults ttl",
                  use.defaultTtl(),
                  known.defaultTtl,
                  known.defaultTtlWhere));
    }
    if (!conflicts.isEmpty()) {
      conflicts.forEach(Runnable::run);
      return false;
    }
    Runnable replacedDefault = defaultTtlReplaced(use, known, problems);
    merge(state, use);
    caches.put(use.cache(), state);
    if (replacedDefault != null && ttlWarned.add(use.cache())) {
      replacedDefault.run();
    }
    return true;
  }

  /**
   * The warning for a method ttl that differs from the {@code @CacheDefaults} ttl that another use
   * of the same cache relies on (the method's ttl wins for every entry of the cache, which the
   * reader of the defaults would not expect), or null.
   */
  private Runnable defaultTtlReplaced(CacheUse<T, S> use, State known, Problems<S> problems) {
    Explicit<S> ttl = use.settings().get(Setting.TTL);
    Explicit<S> relied = known.reliedOnDefaultTtl;
    if (ttl != null
        && relied != null
        && known.settings.get(Setting.TTL) == null
        && !ttl.value().equals(relied.value())) {
      String where = known.reliedOnDefaultTtlWhere;
      return () ->
          replaced(
              problems,
              use,
              ttl.site(),
              ttl,
              "here",
              relied,
              "that " + where + " takes from its interface");
    }
    Explicit<S> defaults = use.defaultTtl();
    Explicit<S> knownTtl = known.settings.get(Setting.TTL);
    if (defaults != null
        && ttl == null
        && knownTtl != null
        && !knownTtl.value().equals(defaults.value())) {
      String where = known.settingWhere.get(Setting.TTL);
      return () ->
          replaced(problems, use, defaults.site(), knownTtl, "on " + where, defaults, "here");
    }
    return null;
  }

  private void replaced(
      Problems<S> problems,
      CacheUse<T, S> use,
      S site,
      Explicit<S> ttl,
      String ttlWhere,
      Explicit<S> defaults,
      String defaultWhere) {
    problems.report(
        site,
        Message.DEFAULT_TTL_REPLACED,
        use.cache(),
        ttl.text(),
        ttlWhere,
        defaults.text(),
        defaultWhere);
  }

  private void merge(State state, CacheUse<T, S> use) {
    if (use.strategy() != null && state.strategy == null) {
      state.strategy = use.strategy();
      state.strategyWhere = use.where();
    }
    if (use.keyParts() != null && state.keyParts == null) {
      state.keyParts = use.keyParts();
      state.keyWhere = use.where();
    }
    if (use.valueType() != null && state.valueType == null) {
      state.valueType = use.valueType();
      state.valueWhere = use.where();
    }
    use.settings()
        .forEach(
            (setting, explicit) -> {
              if (state.settings.putIfAbsent(setting, explicit) == null) {
                state.settingWhere.put(setting, use.where());
              }
            });
    if (use.defaultTtl() != null && state.defaultTtl == null) {
      state.defaultTtl = use.defaultTtl();
      state.defaultTtlWhere = use.where();
    }
    if (use.defaultTtl() != null
        && !use.settings().containsKey(Setting.TTL)
        && state.reliedOnDefaultTtl == null) {
      state.reliedOnDefaultTtl = use.defaultTtl();
      state.reliedOnDefaultTtlWhere = use.where();
    }
    state.written |= use.writes();
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

  /** Whether some use writes or deletes {@code cache}. */
  public boolean isWritten(String cache) {
    State state = caches.get(cache);
    return state != null && state.written;
  }

  /** The value type of {@code cache}, or null when no read or write declares it. */
  public T valueType(String cache) {
    State state = caches.get(cache);
    return state == null ? null : state.valueType;
  }

  /**
   * The cache as its uses declare it; {@code cache} must have a strategy, key type and value type.
   */
  public CachePlan<T> plan(String cache) {
    State state = caches.get(cache);
    Map<Setting, Object> given = new EnumMap<>(Setting.class);
    state.settings.forEach((setting, explicit) -> given.put(setting, explicit.value()));
    return new CachePlan<>(
        cache,
        state.strategy,
        state.keyParts,
        state.valueType,
        given,
        state.defaultTtl == null ? null : (Duration) state.defaultTtl.value());
  }

  /** Where {@code setting} of {@code cache} was given, or null. */
  public Explicit<S> explicit(String cache, Setting setting) {
    State state = caches.get(cache);
    return state == null ? null : state.settings.get(setting);
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

  /**
   * Describes key part types for messages: {@code java.lang.Long}, {@code (String, Long)}, or
   * {@code ()} for a single-entry cache.
   */
  public String describe(List<T> keyParts) {
    if (keyParts.size() == 1) {
      return typeName.apply(keyParts.get(0));
    }
    return keyParts.stream().map(typeName).collect(Collectors.joining(", ", "(", ")"));
  }
}
