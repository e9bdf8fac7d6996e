package dev.cachalot.rules.read;

import dev.cachalot.rules.element.DaoMethod;
import dev.cachalot.rules.element.DaoType;
import dev.cachalot.rules.element.Site;
import dev.cachalot.rules.element.TypeRef;
import dev.cachalot.rules.link.CacheUse;
import dev.cachalot.rules.plan.MethodPlan;
import java.util.List;
import java.util.Set;

/**
 * What reading one interface produced, before the caches it uses are merged with those of other
 * interfaces.
 *
 * @param dao the interface
 * @param rejected whether the interface itself cannot be decorated (not an interface, generic,
 *     private); then nothing else was read
 * @param methods the plans of the methods the decorator implements, in order; a method that broke a
 *     rule is missing (its errors are in the report)
 * @param allMethods every instance method of the interface, inherited ones included, each signature
 *     once (where a batch method is looked for)
 * @param uses what each annotation says about its cache
 * @param failedCaches the caches of methods that broke a rule
 */
public record Reading(
    DaoType dao,
    boolean rejected,
    List<MethodPlan> methods,
    List<DaoMethod> allMethods,
    List<CacheUse<TypeRef, Site>> uses,
    Set<String> failedCaches) {

  public Reading {
    methods = List.copyOf(methods);
    allMethods = List.copyOf(allMethods);
    uses = List.copyOf(uses);
    failedCaches = Set.copyOf(failedCaches);
  }

  /** The reading of an interface that cannot be decorated at all. */
  static Reading rejected(DaoType dao) {
    return new Reading(dao, true, List.of(), List.of(), List.of(), Set.of());
  }
}
