package dev.cachalot.rules.plan;

import dev.cachalot.rules.element.DaoMethod;
import dev.cachalot.rules.element.DaoType;
import dev.cachalot.rules.element.TypeRef;
import java.util.List;
import java.util.Map;

/**
 * A DAO interface ready for a decorator: every method the decorator implements, and the caches they
 * use.
 *
 * @param dao the interface
 * @param decoratorName the qualified name of the generated decorator, {@code
 *     com.acme.CachedProductDao}
 * @param methods every method the decorator implements, in order (default methods without a
 *     strategy are left to the interface and not listed)
 * @param caches the caches with a strategy that the methods use, in first-use order
 * @param invalidatedOnly the caches that methods only invalidate and whose declaration the planner
 *     has not seen, in first-use order
 * @param batchMethods the batch method of each write-behind cache that has one here, by cache name
 */
public record DaoPlan(
    DaoType dao,
    String decoratorName,
    List<MethodPlan> methods,
    List<CachePlan<TypeRef>> caches,
    List<String> invalidatedOnly,
    Map<String, DaoMethod> batchMethods) {

  public DaoPlan {
    methods = List.copyOf(methods);
    caches = List.copyOf(caches);
    invalidatedOnly = List.copyOf(invalidatedOnly);
    batchMethods = Map.copyOf(batchMethods);
  }

  /** The cache called {@code name}. */
  public CachePlan<TypeRef> cache(String name) {
    for (CachePlan<TypeRef> cache : caches) {
      if (cache.name().equals(name)) {
        return cache;
      }
    }
    throw new IllegalArgumentException("no cache " + name + " in the plan of " + dao.simpleName());
  }
}
