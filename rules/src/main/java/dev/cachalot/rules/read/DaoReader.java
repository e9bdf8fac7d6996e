package dev.cachalot.rules.read;

import dev.cachalot.annotations.Strategy;
import dev.cachalot.rules.DecoratorNames;
import dev.cachalot.rules.diagnostic.Message;
import dev.cachalot.rules.diagnostic.Names;
import dev.cachalot.rules.diagnostic.Report;
import dev.cachalot.rules.element.AnnotationRef;
import dev.cachalot.rules.element.DaoMethod;
import dev.cachalot.rules.element.DaoParameter;
import dev.cachalot.rules.element.DaoType;
import dev.cachalot.rules.element.Site;
import dev.cachalot.rules.element.TypeRef;
import dev.cachalot.rules.link.CacheUse;
import dev.cachalot.rules.plan.MethodPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one DAO interface into the plans of its methods and the uses of its caches: checks the
 * interface itself (an interface, not generic, not private), collects the methods the decorator
 * implements (its own in source order, then inherited ones, each signature once), and reads each
 * with {@link MethodReader} under the {@code @CacheDefaults} of the interface that declares it.
 * Rules across interfaces are {@link dev.cachalot.rules.link.CacheRegistry}'s. Stateless.
 */
public final class DaoReader {

  private static final List<String> EXAMPLE_TYPE_ARGUMENTS =
      List.of("Product", "Long", "String", "Integer", "Boolean");

  private final MethodReader methods = new MethodReader();

  /** Reads {@code dao}; errors go to {@code report}. */
  public Reading read(DaoType dao, Report report) {
    if (dao.kind() != DaoType.Kind.INTERFACE) {
      reportNotAnInterface(dao, report);
      return Reading.rejected(dao);
    }
    if (!dao.typeParameters().isEmpty()) {
      report.report(
          dao.site(),
          Message.GENERIC_INTERFACE,
          dao.simpleName(),
          "<" + String.join(", ", dao.typeParameters()) + ">",
          String.join(
              ", ",
              EXAMPLE_TYPE_ARGUMENTS.subList(
                  0, Math.min(EXAMPLE_TYPE_ARGUMENTS.size(), dao.typeParameters().size()))));
      return Reading.rejected(dao);
    }
    if (dao.isPrivate()) {
      report.report(
          dao.site(),
          Message.PRIVATE_INTERFACE,
          dao.simpleName(),
          DecoratorNames.decoratorSimpleName(dao.enclosingSimpleNames(), dao.simpleName()));
      return Reading.rejected(dao);
    }
    List<DaoMethod> all = methodsOf(dao, report);
    Map<String, CacheDefaultsReading> defaults = new HashMap<>();
    List<MethodPlan> plans = new ArrayList<>();
    List<CacheUse<TypeRef, Site>> uses = new ArrayList<>();
    Set<String> failedCaches = new HashSet<>();
    for (DaoMethod method : all) {
      List<AnnotationRef> strategies = Annotations.strategies(method.annotations());
      boolean annotated =
          !strategies.isEmpty() || !Annotations.invalidations(method.annotations()).isEmpty();
      if (method.isDefault() && !annotated) {
        continue; // left to the interface, so that its calls to cached methods are cached
      }
      CacheDefaultsReading declared =
          defaults.computeIfAbsent(
              method.declaringType().qualifiedName(),
              name -> CacheDefaultsReading.of(method.declaringType(), report));
      int errorsBefore = report.errorCount();
      MethodPlan plan = methods.read(method, dao.packageName(), declared, uses, report);
      if (plan != null && report.errorCount() == errorsBefore) {
        plans.add(plan);
      } else {
        // Whatever the method would have said about its cache is unknown; an error about the
        // cache's other methods (such as an unknown value type) would only follow from this one.
        for (AnnotationRef strategy : strategies) {
          String cache = Annotations.string(strategy, "cache");
          failedCaches.add(cache.isEmpty() ? declared.cache() : cache);
        }
      }
    }
    return new Reading(dao, false, plans, all, uses, failedCaches);
  }

  /**
   * Every instance method of {@code dao}: its own in declaration order, then those it inherits,
   * each signature once; methods of {@code Object} are left to {@code Object}. Annotated static
   * methods are reported.
   */
  private static List<DaoMethod> methodsOf(DaoType dao, Report report) {
    Map<String, DaoMethod> bySignature = new LinkedHashMap<>();
    collect(dao, dao, bySignature, new HashSet<>(), report);
    return new ArrayList<>(bySignature.values());
  }

  private static void collect(
      DaoType type,
      DaoType dao,
      Map<String, DaoMethod> bySignature,
      Set<String> visited,
      Report report) {
    if (!visited.add(type.qualifiedName())) {
      return;
    }
    for (DaoMethod method : type.declaredMethods(dao)) {
      if (method.isStatic()) {
        List<AnnotationRef> strategies = Annotations.strategies(method.annotations());
        if (!strategies.isEmpty()) {
          report.report(
              method.site(),
              Message.STATIC_METHOD,
              strategies.get(0).simpleName(),
              Names.method(method));
        }
        continue;
      }
      if (method.isPrivate() || isObjectMethod(method)) {
        continue;
      }
      bySignature.putIfAbsent(method.erasedSignature(), method);
    }
    for (DaoType parent : type.superinterfaces()) {
      collect(parent, dao, bySignature, visited, report);
    }
  }

  private static boolean isObjectMethod(DaoMethod method) {
    String name = method.name();
    int arity = method.parameters().size();
    return (name.equals("equals") && arity == 1)
        || (name.equals("hashCode") && arity == 0)
        || (name.equals("toString") && arity == 0);
  }

  /**
   * Reports each annotation of Cachalot's on a type that is not an interface: on the type, on each
   * annotated method, and on each annotated parameter of a method without annotations.
   */
  private static void reportNotAnInterface(DaoType type, Report report) {
    String owner = kindOf(type) + " " + type.simpleName();
    if (!type.annotations().isEmpty()) {
      AnnotationRef annotation = type.annotations().get(0);
      report.report(
          type.site(), Message.NOT_AN_INTERFACE, annotation.simpleName(), owner, type.simpleName());
    }
    for (DaoMethod method : type.declaredMethods(type)) {
      if (!method.annotations().isEmpty()) {
        AnnotationRef annotation = method.annotations().get(0);
        report.report(
            method.site(),
            Message.NOT_AN_INTERFACE,
            annotation.simpleName(),
            "method " + Names.method(method) + " of " + owner,
            type.simpleName());
        continue;
      }
      for (DaoParameter parameter : method.parameters()) {
        if (!parameter.annotations().isEmpty()) {
          report.report(
              parameter.site(),
              Message.NOT_AN_INTERFACE,
              parameter.annotations().get(0).simpleName(),
              "parameter " + parameter.name() + " of " + Names.method(method) + " in " + owner,
              type.simpleName());
        }
      }
    }
  }

  private static String kindOf(DaoType type) {
    return switch (type.kind()) {
      case ENUM -> "enum";
      case RECORD -> "record";
      case ANNOTATION_TYPE -> "annotation type";
      default -> "class";
    };
  }

  /** Whether any method of {@code dao} or of its superinterfaces has a strategy annotation. */
  public static boolean hasStrategy(DaoType dao) {
    return hasStrategy(dao, new HashSet<>());
  }

  private static boolean hasStrategy(DaoType type, Set<String> visited) {
    if (!visited.add(type.qualifiedName())) {
      return false;
    }
    for (DaoMethod method : type.declaredMethods(type)) {
      for (AnnotationRef annotation : method.annotations()) {
        Strategy strategy = Annotations.strategyOf(annotation);
        if (strategy != null || annotation.qualifiedName().startsWith(Annotations.INVALIDATE)) {
          return true;
        }
      }
    }
    for (DaoType parent : type.superinterfaces()) {
      if (hasStrategy(parent, visited)) {
        return true;
      }
    }
    return false;
  }
}
