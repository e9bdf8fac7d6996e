package dev.cachalot;

import dev.cachalot.annotations.Strategy;
import dev.cachalot.internal.CacheDeclaration;
import dev.cachalot.reflect.TypeNames;
import dev.cachalot.rules.diagnostic.Severity;
import dev.cachalot.rules.link.CacheRegistry;
import dev.cachalot.rules.link.CacheUse;
import dev.cachalot.rules.link.CacheUse.Explicit;
import dev.cachalot.rules.plan.Setting;
import dev.cachalot.rules.read.Durations;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Design note: one cache, declared by many decorators.
 *
 * Every decorator declares the caches it uses (a CacheDeclaration per cache, from its generated
 * constructor or from the run-time builder): strategy, key and value types, and the settings its
 * annotations give. Decorators of different interfaces, compiled in different modules, may declare
 * one cache, each giving some settings; the cache's settings are their merge. This class merges
 * them with the very rules the processor applies within one compilation (the CacheRegistry of
 * cachalot-rules): a setting not given takes the value another declaration gave, whatever the order
 * of decorate() calls; only two given, different values conflict, and the conflict is the message
 * the processor would print, naming the cache, both values and the decorator that gave the first.
 * A conflicting declaration changes nothing (the registry is transactional), so the decorate() that
 * made it fails and everything else keeps working.
 *
 * Not thread-safe: the Cachalot that owns it calls it under its lock (a @GuardedBy field).
 */

/** The merge of every cache declaration of one {@link Cachalot}. Not thread-safe. */
final class Declarations {

  private static final Logger log = LoggerFactory.getLogger(Declarations.class);

  private final CacheRegistry<Type, String> registry =
      new CacheRegistry<>(Type::equals, TypeNames::of);

  /**
   * Merges {@code declaration}, made by a decorator of {@code dao} for a cache of {@code strategy},
   * and returns the cache's settings after the merge.
   *
   * @throws CachalotException when it conflicts with what earlier declarations said
   */
  CacheSpec declare(
      Strategy strategy, CacheDeclaration<?, ?> declaration, Class<?> dao, double ttlJitter) {
    String where = "a decorator of " + dao.getSimpleName();
    Map<Setting, Explicit<String>> settings = new EnumMap<>(Setting.class);
    put(settings, Setting.TTL, declaration.ttl());
    put(settings, Setting.NEGATIVE_TTL, declaration.negativeTtl());
    if (declaration.flushInterval() != null) {
      long millis = declaration.flushInterval().toMillis();
      settings.put(Setting.FLUSH_MILLIS, new Explicit<>(millis, Long.toString(millis), where));
    }
    put(settings, Setting.MAX_BATCH, declaration.maxBatch());
    put(settings, Setting.CAPACITY, declaration.capacity());
    if (declaration.batchMethod() != null) {
      settings.put(
          Setting.BATCH_METHOD,
          new Explicit<>(
              declaration.batchMethod(), "\"" + declaration.batchMethod() + "\"", where));
    }
    Explicit<String> defaultTtl =
        declaration.defaultTtl() == null ? null : duration(declaration.defaultTtl());
    CacheUse<Type, String> use =
        new CacheUse<>(
            declaration.name(),
            strategy,
            declaration.keyTypes(),
            declaration.valueType(),
            settings,
            defaultTtl,
            where,
            where,
            where + " created earlier",
            false); // whether it writes matters to the planner's warnings only

    List<String> problems = new ArrayList<>();
    registry.register(
        use,
        (site, message, arguments) -> {
          if (message.severity() == Severity.WARNING) {
            log.warn("{}: {}", where, message.format(arguments));
          } else {
            problems.add(message.format(arguments));
          }
        });
    if (!problems.isEmpty()) {
      throw new CachalotException(
          "cannot decorate " + dao.getName() + ": " + String.join("; ", problems));
    }
    return CacheSpec.of(registry.plan(declaration.name()), ttlJitter);
  }

  private static void put(Map<Setting, Explicit<String>> settings, Setting setting, Object value) {
    if (value instanceof Duration duration) {
      settings.put(setting, duration(duration));
    } else if (value != null) {
      settings.put(setting, new Explicit<>(value, value.toString(), ""));
    }
  }

  private static Explicit<String> duration(Duration duration) {
    return new Explicit<>(duration, "\"" + Durations.format(duration) + "\"", "");
  }
}
