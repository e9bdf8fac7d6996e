package dev.cachalot.rules.link;

import dev.cachalot.annotations.Strategy;
import dev.cachalot.annotations.WriteBehind;
import dev.cachalot.rules.DecoratorNames;
import dev.cachalot.rules.diagnostic.Message;
import dev.cachalot.rules.diagnostic.Names;
import dev.cachalot.rules.diagnostic.Report;
import dev.cachalot.rules.element.DaoMethod;
import dev.cachalot.rules.element.DaoType;
import dev.cachalot.rules.element.Site;
import dev.cachalot.rules.element.TypeRef;
import dev.cachalot.rules.link.CacheUse.Explicit;
import dev.cachalot.rules.plan.CachePlan;
import dev.cachalot.rules.plan.DaoPlan;
import dev.cachalot.rules.plan.InvalidationPlan;
import dev.cachalot.rules.plan.MethodPlan;
import dev.cachalot.rules.plan.Role;
import dev.cachalot.rules.plan.Setting;
import dev.cachalot.rules.read.Reading;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Completes a {@link Reading} into a {@link DaoPlan} once every interface known to the planner is
 * registered: resolves each cache to its merged {@link CachePlan}, and checks what needs the merged
 * cache (a known value type, a buffer that holds a batch, the batch method against the value type).
 * Stateless.
 */
public final class Linker {

  private static final Set<String> BATCH_PARAMETER_TYPES =
      Set.of("java.util.List", "java.util.Collection", "java.lang.Iterable");

  /** The plan of {@code reading}, or null when it was rejected; errors go to {@code report}. */
  public DaoPlan link(Reading reading, CacheRegistry<TypeRef, Site> registry, Report report) {
    if (reading.rejected()) {
      return null;
    }
    DaoType dao = reading.dao();
    Map<String, CachePlan<TypeRef>> caches = new LinkedHashMap<>();
    List<String> invalidatedOnly = new ArrayList<>();
    Map<String, DaoMethod> batchMethods = new LinkedHashMap<>();
    for (MethodPlan method : reading.methods()) {
      String name = method.cache();
      if (name == null || caches.containsKey(name)) {
        continue;
      }
      if (registry.valueType(name) == null) {
        if (!registry.hasFailed(name)) {
          String annotation = method.strategy().annotationType().getSimpleName();
          report.report(
              method.method().site(),
              Message.NO_VALUE_TYPE,
              name,
              annotation,
              Names.method(method.method()));
        }
        continue;
      }
      CachePlan<TypeRef> cache = registry.plan(name);
      checkBufferSize(cache, registry, report);
      if (cache.strategy() != Strategy.CACHE_ASIDE && !registry.isWritten(name)) {
        report.report(
            method.method().site(),
            Message.NO_WRITE_METHOD,
            name,
            cache.strategy().annotationType().getSimpleName());
      }
      caches.put(name, cache);
    }
    for (MethodPlan method : reading.methods()) {
      if (method.role() == Role.WRITE
          && method.strategy() == Strategy.WRITE_BEHIND
          && caches.containsKey(method.cache())
          && !batchMethods.containsKey(method.cache())) {
        CachePlan<TypeRef> cache = caches.get(method.cache());
        if (!cache.batchMethod().isEmpty()) {
          DaoMethod batch = batchMethod(reading, cache, registry, report);
          if (batch != null) {
            batchMethods.put(cache.name(), batch);
          }
        }
      }
    }
    for (MethodPlan method : reading.methods()) {
      for (InvalidationPlan invalidation : method.invalidations()) {
        String name = invalidation.cache();
        if (caches.containsKey(name) || invalidatedOnly.contains(name)) {
          continue;
        }
        if (registry.hasStrategy(name) && registry.valueType(name) != null) {
          caches.put(name, registry.plan(name));
        } else {
          invalidatedOnly.add(name);
        }
      }
    }
    return new DaoPlan(
        dao,
        DecoratorNames.decoratorName(
            dao.packageName(), dao.enclosingSimpleNames(), dao.simpleName()),
        reading.methods(),
        new ArrayList<>(caches.values()),
        invalidatedOnly,
        batchMethods);
  }

  /** Reports a write-behind buffer smaller than a batch, at the setting that sized it. */
  private static void checkBufferSize(
      CachePlan<TypeRef> cache, CacheRegistry<TypeRef, Site> registry, Report report) {
    if (cache.strategy() != Strategy.WRITE_BEHIND) {
      return;
    }
    Number given = cache.count(Setting.CAPACITY);
    int capacity = given == null ? WriteBehind.DEFAULT_CAPACITY : given.intValue();
    Number batch = cache.count(Setting.MAX_BATCH);
    int maxBatch = batch == null ? WriteBehind.DEFAULT_MAX_BATCH : batch.intValue();
    if (capacity >= maxBatch) {
      return;
    }
    Explicit<Site> at = registry.explicit(cache.name(), Setting.CAPACITY);
    if (at == null) {
      at = registry.explicit(cache.name(), Setting.MAX_BATCH);
    }
    report.report(at.site(), Message.CAPACITY_BELOW_MAX_BATCH, capacity, maxBatch, cache.name());
  }

  /**
   * The batch method of {@code cache} in this interface, or null. The batch method is a method of
   * the interface that names it, and its absence there is an error; another interface that writes
   * the same cache uses a method of that name if it has one of the right shape, and otherwise
   * writes value by value.
   */
  private static DaoMethod batchMethod(
      Reading reading,
      CachePlan<TypeRef> cache,
      CacheRegistry<TypeRef, Site> registry,
      Report report) {
    String name = cache.batchMethod();
    DaoMethod found = null;
    for (DaoMethod candidate : reading.allMethods()) {
      if (candidate.name().equals(name)) {
        found = candidate;
        if (acceptsListOf(candidate, cache.valueType())) {
          return candidate;
        }
      }
    }
    boolean givenHere =
        reading.uses().stream()
            .anyMatch(
                use ->
                    use.cache().equals(cache.name())
                        && use.settings().containsKey(Setting.BATCH_METHOD));
    if (!givenHere) {
      return null;
    }
    Site site = registry.explicit(cache.name(), Setting.BATCH_METHOD).site();
    String value = cache.valueType().simpleName();
    if (found == null) {
      report.report(site, Message.BATCH_METHOD_MISSING, name, reading.dao().simpleName(), value);
    } else {
      report.report(
          site,
          Message.BATCH_METHOD_WRONG_PARAMETERS,
          name,
          Names.method(found),
          value,
          cache.name());
    }
    return null;
  }

  /** Whether {@code method} takes exactly one parameter that a {@code List<V>} can be passed to. */
  private static boolean acceptsListOf(DaoMethod method, TypeRef valueType) {
    if (method.parameters().size() != 1 || !method.typeParameters().isEmpty()) {
      return false;
    }
    TypeRef parameter = method.parameters().get(0).type();
    if (parameter.kind() != TypeRef.Kind.DECLARED
        || !BATCH_PARAMETER_TYPES.contains(parameter.erasureName())) {
      return false;
    }
    if (parameter.typeArguments().isEmpty()) {
      return true; // a raw collection takes anything
    }
    TypeRef element = parameter.typeArguments().get(0);
    if (element.kind() == TypeRef.Kind.WILDCARD) {
      TypeRef lower = element.lowerBound();
      return valueType.isAssignableTo(element.upperBound())
          && (lower == null || lower.isAssignableTo(valueType));
    }
    return element.isSameType(valueType);
  }
}
