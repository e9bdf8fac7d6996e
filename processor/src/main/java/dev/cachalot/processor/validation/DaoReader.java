package dev.cachalot.processor.validation;

import dev.cachalot.processor.model.InvalidationModel;
import dev.cachalot.processor.model.KeyModel;
import dev.cachalot.processor.model.KeyPart;
import dev.cachalot.processor.model.MethodModel;
import dev.cachalot.rules.CacheUse;
import dev.cachalot.rules.CacheUse.Explicit;
import dev.cachalot.rules.CacheUse.Setting;
import dev.cachalot.rules.Message;
import dev.cachalot.rules.Names;
import dev.cachalot.rules.Problems;
import dev.cachalot.rules.Role;
import dev.cachalot.rules.RoleRules;
import dev.cachalot.rules.Settings;
import dev.cachalot.rules.Strategy;
import dev.cachalot.rules.WriteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads one DAO interface into method models and cache uses, checking everything that can be
 * checked from the interface alone: roles, keys, durations and settings. Cross-interface rules (one
 * strategy, key type and value type per cache) are {@link CacheRegistry}'s.
 */
public final class DaoReader {

  /** What reading an interface produced. */
  public record Reading(
      TypeElement element,
      List<MethodModel> methods,
      List<CacheUse<TypeMirror, Site>> uses,
      Set<String> failedCaches) {}

  private final Types types;
  private final Elements elements;
  private final Annotations annotations;
  private final KeyResolver keys;

  public DaoReader(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
    this.annotations = new Annotations(elements);
    this.keys = new KeyResolver(types, elements);
  }

  /** Whether {@code element} carries any annotation of Cachalot's. */
  public static boolean isAnnotated(Element element) {
    return element.getAnnotationMirrors().stream()
        .anyMatch(mirror -> Annotations.name(mirror).startsWith(Annotations.PACKAGE));
  }

  /** Reads {@code dao}, an interface; errors go to {@code report}. */
  public Reading read(TypeElement dao, Report report) {
    if (!dao.getTypeParameters().isEmpty()) {
      report.error(
          Message.GENERIC_INTERFACE,
          dao,
          dao.getSimpleName(),
          typeParameters(dao.getTypeParameters()),
          dao.getSimpleName(),
          String.join(
              ", ",
              List.of("Product", "Long", "String", "Integer", "Boolean")
                  .subList(0, Math.min(5, dao.getTypeParameters().size()))));
      return new Reading(dao, List.of(), List.of(), Set.of());
    }
    if (dao.getModifiers().contains(Modifier.PRIVATE)) {
      report.error(Message.PRIVATE_INTERFACE, dao, dao.getSimpleName(), decoratorSimpleName(dao));
      return new Reading(dao, List.of(), List.of(), Set.of());
    }
    Defaults defaults = readDefaults(dao, report);
    List<MethodModel> methods = new ArrayList<>();
    List<CacheUse<TypeMirror, Site>> uses = new ArrayList<>();
    Set<String> failedCaches = new HashSet<>();
    for (ExecutableElement method : methodsToImplement(dao, report)) {
      MethodModel model = readMethod(dao, method, defaults, uses, report);
      if (model != null) {
        methods.add(model);
      } else {
        // Whatever the method would have said about its cache is unknown; an error about the
        // cache's other methods (such as an unknown value type) would only follow from this one.
        for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
          if (Strategy.ofAnnotation(Annotations.name(mirror)) != null) {
            String cache = annotations.string(mirror, "cache");
            failedCaches.add(cache.isEmpty() ? defaults.cache() : cache);
          }
        }
      }
    }
    return new Reading(dao, methods, uses, failedCaches);
  }

  private record Defaults(String cache, Explicit<Site> ttl) {}

  private Defaults readDefaults(TypeElement dao, Report report) {
    AnnotationMirror mirror = Annotations.find(dao, Annotations.CACHE_DEFAULTS);
    if (mirror == null) {
      return new Defaults("", null);
    }
    return new Defaults(annotations.string(mirror, "cache"), duration(dao, mirror, "ttl", report));
  }

  /**
   * The methods the decorator implements: the interface's own abstract and default methods in
   * declaration order, then those it inherits, each signature once. Annotated static methods are
   * reported; methods of Object are left to Object.
   */
  private List<ExecutableElement> methodsToImplement(TypeElement dao, Report report) {
    List<ExecutableElement> methods = new ArrayList<>();
    Set<String> signatures = new HashSet<>();
    collect(dao, (DeclaredType) dao.asType(), methods, signatures, new HashSet<>(), report);
    return methods;
  }

  private void collect(
      TypeElement type,
      DeclaredType dao,
      List<ExecutableElement> methods,
      Set<String> signatures,
      Set<String> visited,
      Report report) {
    if (!visited.add(type.getQualifiedName().toString())) {
      return;
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      Set<Modifier> modifiers = method.getModifiers();
      if (modifiers.contains(Modifier.STATIC)) {
        Strategy strategy = strategyOf(method);
        if (strategy != null) {
          report.error(Message.STATIC_METHOD, method, strategy.annotation(), describe(method));
        }
        continue;
      }
      if (modifiers.contains(Modifier.PRIVATE) || isObjectMethod(method)) {
        continue;
      }
      ExecutableType methodType = (ExecutableType) types.asMemberOf(dao, method);
      String signature =
          method.getSimpleName()
              + methodType.getParameterTypes().stream()
                  .map(t -> types.erasure(t).toString())
                  .collect(Collectors.joining(",", "(", ")"));
      if (signatures.add(signature)) {
        methods.add(method);
      }
    }
    for (TypeMirror parent : type.getInterfaces()) {
      collect((TypeElement) types.asElement(parent), dao, methods, signatures, visited, report);
    }
  }

  private static boolean isObjectMethod(ExecutableElement method) {
    String name = method.getSimpleName().toString();
    int arity = method.getParameters().size();
    return (name.equals("equals") && arity == 1)
        || (name.equals("hashCode") && arity == 0)
        || (name.equals("toString") && arity == 0);
  }

  private static Strategy strategyOf(ExecutableElement method) {
    for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
      Strategy strategy = Strategy.ofAnnotation(Annotations.name(mirror));
      if (strategy != null) {
        return strategy;
      }
    }
    return null;
  }

  private MethodModel readMethod(
      TypeElement dao,
      ExecutableElement method,
      Defaults defaults,
      List<CacheUse<TypeMirror, Site>> uses,
      Report report) {
    ExecutableType type = (ExecutableType) types.asMemberOf((DeclaredType) dao.asType(), method);
    List<AnnotationMirror> strategies = new ArrayList<>();
    for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
      if (Strategy.ofAnnotation(Annotations.name(mirror)) != null) {
        strategies.add(mirror);
      }
    }
    List<AnnotationMirror> invalidations = Annotations.invalidations(method);
    if (strategies.isEmpty() && invalidations.isEmpty()) {
      return passThrough(method, type, List.of());
    }
    if (strategies.size() > 1) {
      report.error(
          Message.TWO_STRATEGIES,
          method,
          strategies.get(1),
          null,
          describe(method),
          strategies.get(0).getAnnotationType().asElement().getSimpleName(),
          strategies.get(1).getAnnotationType().asElement().getSimpleName());
      return null;
    }
    if (!method.getTypeParameters().isEmpty()) {
      report.error(
          Message.GENERIC_METHOD,
          method,
          describe(method),
          typeParameters(method.getTypeParameters()));
      return null;
    }
    PackageElement pkg = elements.getPackageOf(dao);
    List<InvalidationModel> invalidationModels = new ArrayList<>();
    for (AnnotationMirror invalidate : invalidations) {
      InvalidationModel model =
          readInvalidation(dao, method, type, invalidate, defaults, pkg, uses, report);
      if (model != null) {
        invalidationModels.add(model);
      }
    }
    if (strategies.isEmpty()) {
      return passThrough(method, type, invalidationModels);
    }
    return readCached(
        dao, method, type, strategies.get(0), defaults, pkg, invalidationModels, uses, report);
  }

  private static MethodModel passThrough(
      ExecutableElement method, ExecutableType type, List<InvalidationModel> invalidations) {
    return new MethodModel(
        method,
        type,
        Role.PASS_THROUGH,
        null,
        null,
        null,
        null,
        null,
        false,
        WriteResult.VOID,
        invalidations);
  }

  private InvalidationModel readInvalidation(
      TypeElement dao,
      ExecutableElement method,
      ExecutableType type,
      AnnotationMirror mirror,
      Defaults defaults,
      PackageElement pkg,
      List<CacheUse<TypeMirror, Site>> uses,
      Report report) {
    String cache = cacheName(dao, method, mirror, "Invalidate", defaults, report);
    if (cache == null) {
      return null;
    }
    boolean all = (Boolean) annotations.value(mirror, "all");
    KeyModel key = null;
    if (!all) {
      String expression = annotations.string(mirror, "key");
      if (!expression.isEmpty()) {
        key = resolveKey(method, type, mirror, expression, null, pkg, report);
        if (key == null) {
          return null;
        }
      } else {
        List<String> keyParameters = annotatedParameters(method, Annotations.KEY);
        key =
            wholeParameters(
                method,
                type,
                keyParameters.isEmpty()
                    ? List.copyOf(KeyResolver.parameters(method, type).keySet())
                    : keyParameters);
        if (key == null) {
          report.error(
              Message.NO_KEY, method, mirror, null, describe(method), method.getSimpleName());
          return null;
        }
      }
    }
    Site site = new Site(method, mirror, null);
    uses.add(
        new CacheUse<>(
            cache,
            null,
            key == null ? null : keyTypes(key),
            null,
            Map.of(),
            null,
            site,
            Site.of(method),
            describe(method)));
    return new InvalidationModel(cache, key);
  }

  private MethodModel readCached(
      TypeElement dao,
      ExecutableElement method,
      ExecutableType type,
      AnnotationMirror mirror,
      Defaults defaults,
      PackageElement pkg,
      List<InvalidationModel> invalidations,
      List<CacheUse<TypeMirror, Site>> uses,
      Report report) {
    Strategy strategy = Strategy.ofAnnotation(Annotations.name(mirror));
    int errorsBefore = report.errorCount();
    String cache = cacheName(dao, method, mirror, strategy.annotation(), defaults, report);
    Map<Setting, Explicit<Site>> settings = settings(method, mirror, strategy, report);

    Map<String, TypeMirror> parameters = KeyResolver.parameters(method, type);
    String expression = annotations.string(mirror, "key");
    TypeMirror returnType = type.getReturnType();
    boolean returnsVoid = returnType.getKind() == TypeKind.VOID;
    Shape shape = new Shape(method, parameters, returnType);
    Site keySite = new Site(method, mirror, Annotations.explicit(mirror, "key"));
    Problems<RoleRules.Where> problems =
        (where, message, arguments) ->
            report.report(
                where == RoleRules.Where.KEY ? keySite : Site.of(method), message, arguments);
    if (!RoleRules.checkMarkers(shape, expression, problems)) {
      return null;
    }
    KeyModel explicitKey = null;
    if (!expression.isEmpty()) {
      explicitKey =
          resolveKey(
              method, type, mirror, expression, returnsVoid ? null : returnType, pkg, report);
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
    KeyModel key =
        inference.keyParameters() != null
            ? wholeParameters(method, type, inference.keyParameters())
            : explicitKey;
    String valueParameter = inference.valueParameter();
    TypeMirror valueType =
        switch (inference.role()) {
          case READ -> unwrapOptional(returnType);
          case WRITE -> boxed(valueParameter == null ? returnType : parameters.get(valueParameter));
          default -> null;
        };
    uses.add(
        new CacheUse<>(
            cache,
            strategy,
            keyTypes(key),
            valueType,
            settings,
            defaults.ttl(),
            new Site(method, mirror, null),
            Site.of(method),
            describe(method)));
    boolean optionalRead = inference.role() == Role.READ && isOptional(returnType);
    return new MethodModel(
        method,
        type,
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

  /** A method as {@link RoleRules} sees it. */
  private final class Shape implements RoleRules.Shape {
    private final ExecutableElement method;
    private final Map<String, TypeMirror> parameters;
    private final TypeMirror returnType;

    Shape(ExecutableElement method, Map<String, TypeMirror> parameters, TypeMirror returnType) {
      this.method = method;
      this.parameters = parameters;
      this.returnType = returnType;
    }

    @Override
    public String describe() {
      return DaoReader.describe(method);
    }

    @Override
    public String name() {
      return method.getSimpleName().toString();
    }

    @Override
    public List<RoleRules.Parameter> parameters() {
      List<RoleRules.Parameter> list = new ArrayList<>();
      for (VariableElement parameter : method.getParameters()) {
        list.add(
            new RoleRules.Parameter(
                parameter.getSimpleName().toString(),
                Annotations.find(parameter, Annotations.KEY) != null,
                Annotations.find(parameter, Annotations.CACHE_VALUE) != null));
      }
      return list;
    }

    @Override
    public boolean returnsVoid() {
      return returnType.getKind() == TypeKind.VOID;
    }

    @Override
    public String returnTypeName() {
      return returnType.toString();
    }

    @Override
    public boolean returnsTypeOf(String parameter) {
      return !returnsVoid()
          && types.isSameType(boxed(parameters.get(parameter)), boxed(returnType));
    }

    @Override
    public String typeNameOf(String parameter) {
      return parameter == null
          ? boxed(returnType).toString()
          : boxed(parameters.get(parameter)).toString();
    }
  }

  private static List<RoleRules.KeyPart> wholeness(KeyModel key) {
    List<RoleRules.KeyPart> parts = new ArrayList<>();
    for (KeyPart part : key.parts()) {
      parts.add(new RoleRules.KeyPart(part.root(), part.isWholeParameter()));
    }
    return parts;
  }

  private String cacheName(
      TypeElement dao,
      ExecutableElement method,
      AnnotationMirror mirror,
      String annotation,
      Defaults defaults,
      Report report) {
    String cache = annotations.string(mirror, "cache");
    if (cache.isEmpty()) {
      cache = defaults.cache();
    }
    if (cache.isEmpty()) {
      report.error(
          Message.NO_CACHE_NAME,
          method,
          mirror,
          null,
          annotation,
          describe(method),
          annotation,
          dao.getSimpleName());
      return null;
    }
    return cache;
  }

  private Map<Setting, Explicit<Site>> settings(
      ExecutableElement method, AnnotationMirror mirror, Strategy strategy, Report report) {
    Map<Setting, Explicit<Site>> settings = new EnumMap<>(Setting.class);
    put(settings, Setting.TTL, duration(method, mirror, "ttl", report));
    if (strategy == Strategy.CACHE_ASIDE) {
      put(settings, Setting.NEGATIVE_TTL, duration(method, mirror, "negativeTtl", report));
    }
    if (strategy == Strategy.WRITE_BEHIND) {
      put(settings, Setting.FLUSH_MILLIS, positive(method, mirror, "flushMillis", report));
      put(settings, Setting.MAX_BATCH, positive(method, mirror, "maxBatch", report));
      put(settings, Setting.CAPACITY, positive(method, mirror, "capacity", report));
      AnnotationValue batch = Annotations.explicit(mirror, "batchMethod");
      if (batch != null && !((String) batch.getValue()).isEmpty()) {
        String name = (String) batch.getValue();
        settings.put(
            Setting.BATCH_METHOD,
            new Explicit<>(name, "\"" + name + "\"", new Site(method, mirror, batch)));
      }
    }
    return settings;
  }

  private static void put(
      Map<Setting, Explicit<Site>> settings, Setting setting, Explicit<Site> explicit) {
    if (explicit != null) {
      settings.put(setting, explicit);
    }
  }

  /** Parses a duration attribute if given explicitly and non-empty; reports a malformed one. */
  private Explicit<Site> duration(
      Element element, AnnotationMirror mirror, String attribute, Report report) {
    AnnotationValue value = Annotations.explicit(mirror, attribute);
    if (value == null || ((String) value.getValue()).isEmpty()) {
      return null;
    }
    String text = (String) value.getValue();
    Site site = new Site(element, mirror, value);
    Duration duration = Settings.duration(attribute, text, site, report);
    return duration == null ? null : new Explicit<>(duration, "\"" + text + "\"", site);
  }

  private Explicit<Site> positive(
      Element element, AnnotationMirror mirror, String attribute, Report report) {
    AnnotationValue value = Annotations.explicit(mirror, attribute);
    if (value == null) {
      return null;
    }
    Number number = (Number) value.getValue();
    Site site = new Site(element, mirror, value);
    return Settings.positive(attribute, number, site, report)
        ? new Explicit<>(number, number.toString(), site)
        : null;
  }

  private KeyModel resolveKey(
      ExecutableElement method,
      ExecutableType type,
      AnnotationMirror mirror,
      String expression,
      TypeMirror result,
      PackageElement pkg,
      Report report) {
    return keys.resolve(
        expression,
        KeyResolver.parameters(method, type),
        result,
        pkg,
        new Site(method, mirror, Annotations.explicit(mirror, "key")),
        describe(method),
        report);
  }

  /** The key made of the named parameters, or null if there are none. */
  private static KeyModel wholeParameters(
      ExecutableElement method, ExecutableType type, List<String> names) {
    if (names.isEmpty()) {
      return null;
    }
    Map<String, TypeMirror> parameters = KeyResolver.parameters(method, type);
    List<KeyPart> parts = new ArrayList<>();
    for (String name : names) {
      parts.add(new KeyPart(name, List.of(), parameters.get(name)));
    }
    return new KeyModel(parts, false);
  }

  private static List<String> annotatedParameters(ExecutableElement method, String annotation) {
    List<String> names = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      if (Annotations.find(parameter, annotation) != null) {
        names.add(parameter.getSimpleName().toString());
      }
    }
    return names;
  }

  private List<TypeMirror> keyTypes(KeyModel key) {
    return key.parts().stream().map(part -> boxed(part.type())).collect(Collectors.toList());
  }

  /** The boxed form of {@code type}; reference types unchanged. */
  public TypeMirror boxed(TypeMirror type) {
    return type.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) type).asType() : type;
  }

  private boolean isOptional(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) types.asElement(type))
            .getQualifiedName()
            .contentEquals("java.util.Optional");
  }

  private TypeMirror unwrapOptional(TypeMirror type) {
    if (isOptional(type)) {
      List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
      if (arguments.size() == 1) {
        TypeMirror argument = arguments.get(0);
        if (argument.getKind() == TypeKind.WILDCARD) {
          TypeMirror bound = ((javax.lang.model.type.WildcardType) argument).getExtendsBound();
          return bound == null ? elements.getTypeElement("java.lang.Object").asType() : bound;
        }
        return argument;
      }
    }
    return boxed(type);
  }

  /** {@code CachedProductDao}, or {@code CachedOuter_Inner} for a nested interface. */
  static String decoratorSimpleName(TypeElement dao) {
    StringBuilder name = new StringBuilder(dao.getSimpleName());
    for (Element outer = dao.getEnclosingElement();
        outer instanceof TypeElement type;
        outer = type.getEnclosingElement()) {
      name.insert(0, type.getSimpleName() + "_");
    }
    return "Cached" + name;
  }

  /** Describes a method for messages: {@code ProductDao.findById(long)}. */
  public static String describe(ExecutableElement method) {
    Element owner = method.getEnclosingElement();
    return Names.method(
        owner instanceof TypeElement ? owner.getSimpleName().toString() : null,
        method.getSimpleName().toString(),
        method.getParameters().stream()
            .map(p -> p.asType().toString())
            .collect(Collectors.toList()));
  }

  private static String typeParameters(List<? extends TypeParameterElement> parameters) {
    return parameters.stream()
        .map(p -> p.getSimpleName().toString())
        .collect(Collectors.joining(", ", "<", ">"));
  }
}
