package dev.cachalot.rules.read;

import dev.cachalot.annotations.Strategy;
import dev.cachalot.rules.diagnostic.Message;
import dev.cachalot.rules.diagnostic.Names;
import dev.cachalot.rules.diagnostic.Problems;
import dev.cachalot.rules.diagnostic.Report;
import dev.cachalot.rules.element.AnnotationRef;
import dev.cachalot.rules.element.DaoMethod;
import dev.cachalot.rules.element.DaoParameter;
import dev.cachalot.rules.element.Site;
import dev.cachalot.rules.element.TypeRef;
import dev.cachalot.rules.link.CacheUse;
import dev.cachalot.rules.link.CacheUse.Explicit;
import dev.cachalot.rules.plan.InvalidationPlan;
import dev.cachalot.rules.plan.KeyPart;
import dev.cachalot.rules.plan.KeyPlan;
import dev.cachalot.rules.plan.MethodPlan;
import dev.cachalot.rules.plan.Role;
import dev.cachalot.rules.plan.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one method: its strategy annotation (at most one), its {@code @Invalidate}s, its cache
 * (named, or the declaring interface's default), its settings, its key and its role ({@link
 * RoleRules}). Adds what it says about each cache to the uses. Stateless.
 */
final class MethodReader {

  private static final String OPTIONAL = "java.util.Optional";

  /** What a write returns as a flag or a count. */
  private static final Set<String> STATUS_TYPES =
      Set.of(
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long");

  /**
   * The plan of {@code method} in a decorator in package {@code fromPackage}, or null after
   * reporting why it cannot be decorated.
   */
  MethodPlan read(
      DaoMethod method,
      String fromPackage,
      CacheDefaultsReading defaults,
      List<CacheUse<TypeRef, Site>> uses,
      Report report) {
    List<AnnotationRef> strategies = Annotations.strategies(method.annotations());
    List<AnnotationRef> invalidations = Annotations.invalidations(method.annotations());
    if (strategies.isEmpty() && invalidations.isEmpty()) {
      return MethodPlan.passThrough(method, List.of());
    }
    if (strategies.size() > 1) {
      report.report(
          strategies.get(1).site(),
          Message.TWO_STRATEGIES,
          Names.method(method),
          strategies.get(0).simpleName(),
          strategies.get(1).simpleName());
      return null;
    }
    if (!method.typeParameters().isEmpty()) {
      report.report(
          method.site(),
          Message.GENERIC_METHOD,
          Names.method(method),
          "<" + String.join(", ", method.typeParameters()) + ">");
      return null;
    }
    List<InvalidationPlan> invalidationPlans = new ArrayList<>();
    boolean invalidationsRead = true;
    for (AnnotationRef invalidate : invalidations) {
      InvalidationPlan plan =
          readInvalidation(method, fromPackage, invalidate, defaults, uses, report);
      if (plan == null) {
        invalidationsRead = false;
      } else {
        invalidationPlans.add(plan);
      }
    }
    if (strategies.isEmpty()) {
      return invalidationsRead ? MethodPlan.passThrough(method, invalidationPlans) : null;
    }
    MethodPlan plan =
        readCached(
            method, fromPackage, strategies.get(0), defaults, invalidationPlans, uses, report);
    return invalidationsRead ? plan : null;
  }

  private InvalidationPlan readInvalidation(
      DaoMethod method,
      String fromPackage,
      AnnotationRef invalidate,
      CacheDefaultsReading defaults,
      List<CacheUse<TypeRef, Site>> uses,
      Report report) {
    String cache = cacheName(method, invalidate, defaults, report);
    if (cache == null) {
      return null;
    }
    KeyPlan key = null;
    if (!(Boolean) invalidate.value("all")) {
      String expression = Annotations.string(invalidate, "key");
      if (!expression.isEmpty()) {
        key =
            KeyResolver.resolve(
                expression, method, null, fromPackage, invalidate.site("key"), report);
        if (key == null) {
          return null;
        }
      } else {
        List<String> keyParameters = markedParameters(method, Annotations.KEY);
        if (keyParameters.isEmpty()) {
          for (DaoParameter parameter : method.parameters()) {
            keyParameters.add(parameter.name());
          }
        }
        if (keyParameters.isEmpty()) {
          report.report(invalidate.site(), Message.NO_KEY, Names.method(method), method.name());
          return null;
        }
        key = KeyResolver.wholeParameters(method, keyParameters);
      }
    }
    uses.add(
        new CacheUse<>(
            cache,
            null,
            key == null ? null : KeyResolver.keyTypes(key),
            null,
            Map.of(),
            null,
            invalidate.site(),
            method.site(),
            Names.method(method),
            false));
    return new InvalidationPlan(cache, key);
  }

  private MethodPlan readCached(
      DaoMethod method,
      String fromPackage,
      AnnotationRef annotation,
      CacheDefaultsReading defaults,
      List<InvalidationPlan> invalidations,
      List<CacheUse<TypeRef, Site>> uses,
      Report report) {
    Strategy strategy = Annotations.strategyOf(annotation);
    int errorsBefore = report.errorCount();
    String cache = cacheName(method, annotation, defaults, report);
    Map<Setting, Explicit<Site>> settings = SettingRules.read(annotation, strategy, report);
    String expression = Annotations.string(annotation, "key");
    TypeRef returnType = method.returnType();
    boolean returnsVoid = returnType.kind() == TypeRef.Kind.VOID;
    Shape shape = new Shape(method);
    Site keySite = annotation.site("key");
    Problems<RoleRules.Where> problems =
        (where, message, arguments) ->
            report.report(
                where == RoleRules.Where.KEY ? keySite : method.site(), message, arguments);
    if (!RoleRules.checkMarkers(shape, expression, problems)) {
      return null;
    }
    KeyPlan explicitKey = null;
    if (!expression.isEmpty()) {
      explicitKey =
          KeyResolver.resolve(
              expression, method, returnsVoid ? null : returnType, fromPackage, keySite, report);
      if (explicitKey == null) {
        return null;
      }
    }
    RoleRules.Inference inference =
        RoleRules.infer(
            strategy,
            cache,
            shape,
            expression,
            explicitKey == null ? null : wholeness(explicitKey),
            explicitKey != null && explicitKey.usesResult(),
            problems);
    if (inference == null || cache == null || report.errorCount() > errorsBefore) {
      return null;
    }
    KeyPlan key =
        inference.keyParameters() != null
            ? KeyResolver.wholeParameters(method, inference.keyParameters())
            : explicitKey;
    int valueParameter =
        inference.valueParameter() == null
            ? -1
            : KeyResolver.indexOf(method, inference.valueParameter());
    TypeRef valueType =
        switch (inference.role()) {
          case READ -> unwrapOptional(returnType);
          case WRITE ->
              (valueParameter < 0 ? returnType : method.parameters().get(valueParameter).type())
                  .boxed();
          default -> null;
        };
    uses.add(
        new CacheUse<>(
            cache,
            strategy,
            KeyResolver.keyTypes(key),
            valueType,
            settings,
            defaults.ttl(),
            annotation.site(),
            method.site(),
            Names.method(method),
            inference.role() == Role.WRITE || inference.role() == Role.DELETE));
    checkKeyEquality(
        method, key, fromPackage, explicitKey != null ? keySite : method.site(), report);
    boolean optionalRead = inference.role() == Role.READ && isOptional(returnType);
    return new MethodPlan(
        method,
        inference.role(),
        strategy,
        cache,
        key,
        valueParameter,
        valueType,
        optionalRead,
        inference.writeResult(),
        invalidations);
  }

  /**
   * Warns about a key part whose class compares by identity: every call would make a new key, so
   * the cache would never hit. Arrays are compared by content by the decorator, so they are fine.
   */
  private static void checkKeyEquality(
      DaoMethod method, KeyPlan key, String fromPackage, Site site, Report report) {
    for (KeyPart part : key.parts()) {
      TypeRef type = part.type().upperBound();
      if (type.kind() == TypeRef.Kind.DECLARED && !type.hasValueEquality()) {
        Set<String> properties = PropertyRules.names(type, fromPackage);
        String property =
            properties.contains("id")
                ? "id"
                : properties.isEmpty() ? "..." : properties.iterator().next();
        String path = part.root();
        for (var step : part.path()) {
          path += "." + step.name();
        }
        report.report(
            site,
            Message.KEY_WITHOUT_VALUE_EQUALITY,
            Names.method(method),
            type.simpleName(),
            path + "." + property);
      }
    }
  }

  /** The cache {@code annotation} names, or the declaring interface's default, or null. */
  private static String cacheName(
      DaoMethod method, AnnotationRef annotation, CacheDefaultsReading defaults, Report report) {
    String cache = Annotations.string(annotation, "cache");
    if (cache.isEmpty()) {
      cache = defaults.cache();
    }
    if (cache.isEmpty()) {
      report.report(
          annotation.site(),
          Message.NO_CACHE_NAME,
          annotation.simpleName(),
          Names.method(method),
          method.declaringType().simpleName());
      return null;
    }
    return cache;
  }

  private static List<RoleRules.KeyPart> wholeness(KeyPlan key) {
    List<RoleRules.KeyPart> parts = new ArrayList<>();
    for (KeyPart part : key.parts()) {
      parts.add(new RoleRules.KeyPart(part.root(), part.isWholeParameter()));
    }
    return parts;
  }

  private static List<String> markedParameters(DaoMethod method, String annotation) {
    List<String> names = new ArrayList<>();
    for (DaoParameter parameter : method.parameters()) {
      if (Annotations.has(parameter, annotation)) {
        names.add(parameter.name());
      }
    }
    return names;
  }

  private static boolean isOptional(TypeRef type) {
    return type.kind() == TypeRef.Kind.DECLARED && type.erasureName().equals(OPTIONAL);
  }

  /** {@code Product} for {@code Optional<Product>} or {@code Optional<? extends Product>}. */
  private static TypeRef unwrapOptional(TypeRef type) {
    if (isOptional(type) && type.typeArguments().size() == 1) {
      return type.typeArguments().get(0).upperBound();
    }
    return type.boxed();
  }

  /** A method as {@link RoleRules} sees it. */
  private static final class Shape implements RoleRules.Shape {
    private final DaoMethod method;

    Shape(DaoMethod method) {
      this.method = method;
    }

    @Override
    public String describe() {
      return Names.method(method);
    }

    @Override
    public String name() {
      return method.name();
    }

    @Override
    public List<RoleRules.Parameter> parameters() {
      List<RoleRules.Parameter> list = new ArrayList<>();
      for (DaoParameter parameter : method.parameters()) {
        list.add(
            new RoleRules.Parameter(
                parameter.name(),
                Annotations.has(parameter, Annotations.KEY),
                Annotations.has(parameter, Annotations.CACHE_VALUE)));
      }
      return list;
    }

    @Override
    public boolean returnsVoid() {
      return method.returnType().kind() == TypeRef.Kind.VOID;
    }

    @Override
    public String returnTypeName() {
      return method.returnType().toString();
    }

    @Override
    public boolean returnsTypeOf(String parameter) {
      return !returnsVoid() && type(parameter).boxed().isSameType(method.returnType().boxed());
    }

    @Override
    public String typeNameOf(String parameter) {
      return (parameter == null ? method.returnType() : type(parameter)).boxed().toString();
    }

    @Override
    public boolean returnsStatus() {
      TypeRef returnType = method.returnType();
      return returnType.kind() != TypeRef.Kind.VOID
          && STATUS_TYPES.contains(returnType.boxed().erasureName());
    }

    private TypeRef type(String parameter) {
      return method.parameters().get(KeyResolver.indexOf(method, parameter)).type();
    }
  }
}
