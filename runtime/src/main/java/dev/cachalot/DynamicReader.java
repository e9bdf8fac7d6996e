package dev.cachalot;

import dev.cachalot.annotations.CacheAside;
import dev.cachalot.annotations.CacheDefaults;
import dev.cachalot.annotations.CacheValue;
import dev.cachalot.annotations.Invalidate;
import dev.cachalot.annotations.Key;
import dev.cachalot.annotations.WriteBehind;
import dev.cachalot.annotations.WriteThrough;
import dev.cachalot.rules.BatchMethodRules;
import dev.cachalot.rules.CacheModel;
import dev.cachalot.rules.CacheRegistry;
import dev.cachalot.rules.CacheUse;
import dev.cachalot.rules.CacheUse.Explicit;
import dev.cachalot.rules.CacheUse.Setting;
import dev.cachalot.rules.KeyExpression;
import dev.cachalot.rules.Message;
import dev.cachalot.rules.Names;
import dev.cachalot.rules.Problems;
import dev.cachalot.rules.PropertyRules;
import dev.cachalot.rules.Role;
import dev.cachalot.rules.RoleRules;
import dev.cachalot.rules.Settings;
import dev.cachalot.rules.Strategy;
import dev.cachalot.rules.WriteResult;
import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/*
 * Design note: the run-time twin of the processor's DaoReader and DaoValidator.
 *
 * It reads a DAO interface by reflection and applies the same rules from cachalot-rules: RoleRules
 * decides each method's role, KeyExpression and PropertyRules resolve key paths, Settings checks
 * durations and counts, CacheRegistry checks that each cache has one strategy, key type, value type
 * and set of settings, and every problem is worded by the same Message catalog. What differs is
 * only how the facts are read: reflection instead of javax.lang.model. Two consequences:
 * - parameter names exist only when the interface was compiled with -parameters; a key expression
 *   that needs them fails with a message saying so;
 * - reflection cannot tell an attribute written with its default value from one left out, so a
 *   count setting equal to its default counts as not given (the processor would compare it).
 */

/** Reads a DAO interface at run time into a {@link Blueprint}, or explains why it cannot. */
final class DynamicReader {

  /** How a key part reaches its value: a parameter (or the result), then accessors. */
  record KeyPartPlan(int parameter, List<Member> path, Type type) {
    static final int RESULT = -1;
  }

  /** A key: its parts, in order. */
  record KeyPlan(List<KeyPartPlan> parts) {}

  /** An {@code @Invalidate}: the cache, and the key or null for the whole cache. */
  record InvalidationPlan(String cache, KeyPlan key) {}

  /** What the decorator does in one method. */
  record MethodPlan(
      Method method,
      Role role,
      Strategy strategy,
      String cache,
      KeyPlan key,
      int valueParameter,
      boolean optionalRead,
      WriteResult writeResult,
      List<InvalidationPlan> invalidations) {}

  /** Everything a decorator of one interface needs, independent of the delegate. */
  record Blueprint(
      Class<?> dao,
      List<MethodPlan> methods,
      Map<String, CacheModel<Type>> caches,
      List<String> invalidatedOnly,
      Map<String, Method> batchMethods) {}

  private final Class<?> dao;
  private final List<String> problems = new ArrayList<>();
  private final Problems<String> report =
      (site, message, arguments) -> problems.add(site + ": " + message.format(arguments));
  private final CacheRegistry<Type, String> registry =
      new CacheRegistry<>(Object::equals, DynamicReader::typeName);

  private DynamicReader(Class<?> dao) {
    this.dao = dao;
  }

  /**
   * Reads {@code dao}.
   *
   * @throws CachalotException naming every problem, worded as the processor would word it
   */
  static Blueprint read(Class<?> dao) {
    DynamicReader reader = new DynamicReader(dao);
    Blueprint blueprint = reader.read();
    if (!reader.problems.isEmpty()) {
      throw new CachalotException(
          "Cachalot cannot decorate "
              + dao.getName()
              + " at run time:\n  "
              + String.join("\n  ", reader.problems));
    }
    return blueprint;
  }

  private Blueprint read() {
    if (dao.getTypeParameters().length > 0) {
      report.report(
          dao.getSimpleName(),
          Message.GENERIC_INTERFACE,
          dao.getSimpleName(),
          Arrays.stream(dao.getTypeParameters())
              .map(TypeVariable::getName)
              .collect(Collectors.joining(", ", "<", ">")),
          dao.getSimpleName(),
          String.join(
              ", ",
              List.of("Product", "Long", "String", "Integer", "Boolean")
                  .subList(0, Math.min(5, dao.getTypeParameters().length))));
      return null;
    }
    if (Modifier.isPrivate(dao.getModifiers())) {
      report.report(
          dao.getSimpleName(),
          Message.PRIVATE_INTERFACE,
          dao.getSimpleName(),
          Cachalot.generatedName(dao).substring(dao.getPackageName().length() + 1));
      return null;
    }
    CacheDefaults defaults = dao.getAnnotation(CacheDefaults.class);
    String defaultCache = defaults == null ? "" : defaults.cache();
    Explicit<String> defaultTtl =
        defaults == null || defaults.ttl().isEmpty()
            ? null
            : duration("ttl", defaults.ttl(), "@CacheDefaults on " + dao.getSimpleName());
    List<MethodPlan> methods = new ArrayList<>();
    List<CacheUse<Type, String>> uses = new ArrayList<>();
    Set<String> failed = new HashSet<>();
    for (Method method : methodsToImplement()) {
      int before = problems.size();
      MethodPlan plan = readMethod(method, defaultCache, defaultTtl, uses);
      if (plan != null) {
        methods.add(plan);
      } else if (problems.size() > before) {
        Annotation strategy = strategyAnnotation(method);
        if (strategy != null) {
          String cache = cacheOf(strategy);
          failed.add(cache.isEmpty() ? defaultCache : cache);
        }
      }
    }
    uses.forEach(use -> registry.register(use, report));
    failed.forEach(registry::markFailed);
    return complete(methods);
  }

  /**
   * The interface's abstract and default methods, each signature once, not Object's: its own in
   * source order, then those it inherits, as the processor orders them, so that both report a
   * conflict on the same (later) method.
   */
  private List<Method> methodsToImplement() {
    Map<String, Method> bySignature = new LinkedHashMap<>();
    collect(dao, bySignature, new HashSet<>());
    return new ArrayList<>(bySignature.values());
  }

  private void collect(Class<?> type, Map<String, Method> bySignature, Set<Class<?>> visited) {
    if (!visited.add(type)) {
      return;
    }
    for (Method method : declaredInSourceOrder(type)) {
      if (method.isSynthetic() || Modifier.isPrivate(method.getModifiers())) {
        continue;
      }
      if (Modifier.isStatic(method.getModifiers())) {
        Annotation strategy = strategyAnnotation(method);
        if (strategy != null) {
          report.report(
              describe(method),
              Message.STATIC_METHOD,
              strategy.annotationType().getSimpleName(),
              describe(method));
        }
        continue;
      }
      if (!isObjectMethod(method)) {
        bySignature.putIfAbsent(
            method.getName() + Arrays.toString(method.getParameterTypes()), method);
      }
    }
    for (Class<?> parent : type.getInterfaces()) {
      collect(parent, bySignature, visited);
    }
  }

  /**
   * The methods {@code type} declares, in the order of its class file, which is the order of the
   * source (reflection promises no order). Falls back to reflection's order if the class file
   * cannot be read.
   */
  private static List<Method> declaredInSourceOrder(Class<?> type) {
    List<Method> methods = new ArrayList<>(Arrays.asList(type.getDeclaredMethods()));
    try {
      ClassFileLocator locator =
          type.getClassLoader() == null
              ? ClassFileLocator.ForClassLoader.ofBootLoader()
              : ClassFileLocator.ForClassLoader.of(type.getClassLoader());
      List<String> order = new ArrayList<>();
      for (MethodDescription method :
          TypePool.Default.of(locator).describe(type.getName()).resolve().getDeclaredMethods()) {
        order.add(method.getInternalName() + method.getDescriptor());
      }
      methods.sort(
          Comparator.comparingInt(
              method -> {
                MethodDescription loaded = new MethodDescription.ForLoadedMethod(method);
                return order.indexOf(loaded.getInternalName() + loaded.getDescriptor());
              }));
    } catch (RuntimeException unreadable) {
      // Keep reflection's order: only which of two conflicting methods is named first differs.
    }
    return methods;
  }

  static boolean isObjectMethod(Method method) {
    String name = method.getName();
    int arity = method.getParameterCount();
    return (name.equals("equals") && arity == 1)
        || (name.equals("hashCode") && arity == 0)
        || (name.equals("toString") && arity == 0);
  }

  private static Annotation strategyAnnotation(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      if (Strategy.ofAnnotation(annotation.annotationType().getName()) != null) {
        return annotation;
      }
    }
    return null;
  }

  private MethodPlan readMethod(
      Method method,
      String defaultCache,
      Explicit<String> defaultTtl,
      List<CacheUse<Type, String>> uses) {
    List<Annotation> strategies = new ArrayList<>();
    for (Annotation annotation : method.getAnnotations()) {
      if (Strategy.ofAnnotation(annotation.annotationType().getName()) != null) {
        strategies.add(annotation);
      }
    }
    Invalidate[] invalidations = method.getAnnotationsByType(Invalidate.class);
    if (strategies.isEmpty() && invalidations.length == 0) {
      return passThrough(method, List.of());
    }
    if (strategies.size() > 1) {
      report.report(
          describe(method),
          Message.TWO_STRATEGIES,
          describe(method),
          strategies.get(0).annotationType().getSimpleName(),
          strategies.get(1).annotationType().getSimpleName());
      return null;
    }
    if (method.getTypeParameters().length > 0) {
      report.report(
          describe(method),
          Message.GENERIC_METHOD,
          describe(method),
          Arrays.stream(method.getTypeParameters())
              .map(TypeVariable::getName)
              .collect(Collectors.joining(", ", "<", ">")));
      return null;
    }
    List<InvalidationPlan> invalidationPlans = new ArrayList<>();
    for (Invalidate invalidate : invalidations) {
      InvalidationPlan plan = readInvalidation(method, invalidate, defaultCache, uses);
      if (plan == null) {
        return null;
      }
      invalidationPlans.add(plan);
    }
    if (strategies.isEmpty()) {
      return passThrough(method, invalidationPlans);
    }
    return readCached(method, strategies.get(0), defaultCache, defaultTtl, invalidationPlans, uses);
  }

  private static MethodPlan passThrough(Method method, List<InvalidationPlan> invalidations) {
    return new MethodPlan(
        method, Role.PASS_THROUGH, null, null, null, -1, false, WriteResult.VOID, invalidations);
  }

  private InvalidationPlan readInvalidation(
      Method method,
      Invalidate invalidate,
      String defaultCache,
      List<CacheUse<Type, String>> uses) {
    String site = describe(method) + " @Invalidate";
    String cache = invalidate.cache().isEmpty() ? defaultCache : invalidate.cache();
    if (cache.isEmpty()) {
      report.report(
          site,
          Message.NO_CACHE_NAME,
          "Invalidate",
          describe(method),
          "Invalidate",
          dao.getSimpleName());
      return null;
    }
    KeyPlan key = null;
    if (!invalidate.all()) {
      if (!invalidate.key().isEmpty()) {
        key = resolveKey(method, invalidate.key(), false, site + "(key)");
        if (key == null) {
          return null;
        }
      } else {
        List<Integer> keyParameters = annotatedParameters(method, Key.class);
        if (keyParameters.isEmpty()) {
          for (int i = 0; i < method.getParameterCount(); i++) {
            keyParameters.add(i);
          }
        }
        if (keyParameters.isEmpty()) {
          report.report(site, Message.NO_KEY, describe(method), method.getName());
          return null;
        }
        key = wholeParameters(method, keyParameters);
      }
    }
    uses.add(
        new CacheUse<>(
            cache,
            null,
            key == null ? null : keyTypes(key),
            null,
            Map.of(),
            null,
            site,
            describe(method),
            describe(method)));
    return new InvalidationPlan(cache, key);
  }

  private MethodPlan readCached(
      Method method,
      Annotation annotation,
      String defaultCache,
      Explicit<String> defaultTtl,
      List<InvalidationPlan> invalidations,
      List<CacheUse<Type, String>> uses) {
    Strategy strategy = Strategy.ofAnnotation(annotation.annotationType().getName());
    String site = describe(method) + " @" + strategy.annotation();
    int before = problems.size();
    String cache = cacheOf(annotation).isEmpty() ? defaultCache : cacheOf(annotation);
    if (cache.isEmpty()) {
      report.report(
          site,
          Message.NO_CACHE_NAME,
          strategy.annotation(),
          describe(method),
          strategy.annotation(),
          dao.getSimpleName());
    }
    Map<Setting, Explicit<String>> settings = settings(annotation, site);
    String expression = keyOf(annotation);
    Shape shape = new Shape(method);
    Problems<RoleRules.Where> problemsOfMethod =
        (where, message, arguments) ->
            report.report(
                where == RoleRules.Where.KEY ? site + "(key)" : describe(method),
                message,
                arguments);
    if (!RoleRules.checkMarkers(shape, expression, problemsOfMethod)) {
      return null;
    }
    KeyPlan explicitKey = null;
    boolean usesResult = false;
    if (!expression.isEmpty()) {
      explicitKey =
          resolveKey(method, expression, method.getReturnType() != void.class, site + "(key)");
      if (explicitKey == null) {
        return null;
      }
      usesResult = explicitKey.parts().stream().anyMatch(p -> p.parameter() == KeyPartPlan.RESULT);
    }
    RoleRules.Inference inference =
        RoleRules.infer(
            strategy,
            cache,
            shape,
            expression,
            explicitKey == null ? null : wholeness(method, explicitKey),
            usesResult,
            problemsOfMethod);
    if (inference == null || cache.isEmpty() || problems.size() > before) {
      return null;
    }
    KeyPlan key =
        inference.keyParameters() != null
            ? wholeParameters(method, indexesOf(method, inference.keyParameters()))
            : explicitKey;
    int valueParameter =
        inference.valueParameter() == null
            ? -1
            : indexesOf(method, List.of(inference.valueParameter())).get(0);
    Type valueType =
        switch (inference.role()) {
          case READ -> unwrapOptional(method.getGenericReturnType());
          case WRITE ->
              canonical(
                  valueParameter < 0
                      ? method.getGenericReturnType()
                      : method.getGenericParameterTypes()[valueParameter]);
          default -> null;
        };
    uses.add(
        new CacheUse<>(
            cache,
            strategy,
            keyTypes(key),
            valueType,
            settings,
            defaultTtl,
            site,
            describe(method),
            describe(method)));
    boolean optionalRead =
        inference.role() == Role.READ && method.getReturnType() == Optional.class;
    return new MethodPlan(
        method,
        inference.role(),
        strategy,
        cache,
        key,
        valueParameter,
        optionalRead,
        inference.writeResult(),
        invalidations);
  }

  /** Completes the plans once every use is registered: caches, batch methods, value types. */
  private Blueprint complete(List<MethodPlan> methods) {
    Map<String, CacheModel<Type>> caches = new LinkedHashMap<>();
    Set<String> invalidatedOnly = new LinkedHashSet<>();
    Map<String, Method> batchMethods = new LinkedHashMap<>();
    for (MethodPlan method : methods) {
      String cache = method.cache();
      if (cache == null || caches.containsKey(cache)) {
        continue;
      }
      if (registry.valueType(cache) == null) {
        if (!registry.hasFailed(cache)) {
          report.report(
              describe(method.method()),
              Message.NO_VALUE_TYPE,
              cache,
              method.strategy().annotation(),
              method.strategy().annotation(),
              describe(method.method()),
              cache);
        }
        continue;
      }
      CacheModel<Type> model = registry.model(cache);
      registry.checkBufferSize(model, site -> true, report);
      caches.put(cache, model);
      if (!model.batchMethod().isEmpty()) {
        Method batch = batchMethod(model);
        if (batch != null) {
          batchMethods.put(cache, batch);
        }
      }
    }
    for (MethodPlan method : methods) {
      for (InvalidationPlan invalidation : method.invalidations()) {
        String cache = invalidation.cache();
        if (caches.containsKey(cache)) {
          continue;
        }
        if (registry.hasStrategy(cache) && registry.valueType(cache) != null) {
          caches.put(cache, registry.model(cache));
        } else {
          invalidatedOnly.add(cache);
        }
      }
    }
    return new Blueprint(dao, methods, caches, List.copyOf(invalidatedOnly), batchMethods);
  }

  private Method batchMethod(CacheModel<Type> cache) {
    Explicit<String> given = registry.explicit(cache.name(), Setting.BATCH_METHOD);
    String name = cache.batchMethod();
    String value = Names.withoutPackages(typeName(cache.valueType()));
    Method found = null;
    for (Method candidate : dao.getMethods()) {
      if (candidate.getName().equals(name)) {
        found = candidate;
        if (acceptsListOf(candidate, cache.valueType())) {
          return candidate;
        }
      }
    }
    if (found == null) {
      BatchMethodRules.reportMissing(report, given.site(), name, dao.getSimpleName(), value);
    } else {
      BatchMethodRules.reportWrongParameters(
          report, given.site(), name, describe(found), value, cache.name());
    }
    return null;
  }

  /** Whether {@code method} takes one Collection, List or Iterable that a {@code List<V>} fits. */
  private static boolean acceptsListOf(Method method, Type valueType) {
    if (method.getParameterCount() != 1 || method.getTypeParameters().length > 0) {
      return false;
    }
    Type parameter = method.getGenericParameterTypes()[0];
    if (!BatchMethodRules.PARAMETER_TYPES.contains(erasure(parameter).getName())) {
      return false;
    }
    if (!(parameter instanceof ParameterizedType parameterized)) {
      return true;
    }
    Type element = parameterized.getActualTypeArguments()[0];
    if (element instanceof WildcardType wildcard) {
      for (Type lower : wildcard.getLowerBounds()) {
        if (!erasure(lower).isAssignableFrom(erasure(valueType))) {
          return false;
        }
      }
      for (Type upper : wildcard.getUpperBounds()) {
        if (!erasure(upper).isAssignableFrom(erasure(valueType))) {
          return false;
        }
      }
      return true;
    }
    return canonical(element).equals(valueType);
  }

  // ---------------------------------------------------------------- settings

  private Map<Setting, Explicit<String>> settings(Annotation annotation, String site) {
    Map<Setting, Explicit<String>> settings = new EnumMap<>(Setting.class);
    if (annotation instanceof CacheAside cacheAside) {
      put(settings, Setting.TTL, duration("ttl", cacheAside.ttl(), site + "(ttl)"));
      put(
          settings,
          Setting.NEGATIVE_TTL,
          duration("negativeTtl", cacheAside.negativeTtl(), site + "(negativeTtl)"));
    } else if (annotation instanceof WriteThrough writeThrough) {
      put(settings, Setting.TTL, duration("ttl", writeThrough.ttl(), site + "(ttl)"));
    } else if (annotation instanceof WriteBehind writeBehind) {
      put(settings, Setting.TTL, duration("ttl", writeBehind.ttl(), site + "(ttl)"));
      put(
          settings,
          Setting.FLUSH_MILLIS,
          count("flushMillis", writeBehind.flushMillis(), WriteBehind.DEFAULT_FLUSH_MILLIS, site));
      put(
          settings,
          Setting.MAX_BATCH,
          count("maxBatch", writeBehind.maxBatch(), WriteBehind.DEFAULT_MAX_BATCH, site));
      put(
          settings,
          Setting.CAPACITY,
          count("capacity", writeBehind.capacity(), WriteBehind.DEFAULT_CAPACITY, site));
      if (!writeBehind.batchMethod().isEmpty()) {
        settings.put(
            Setting.BATCH_METHOD,
            new Explicit<>(
                writeBehind.batchMethod(),
                "\"" + writeBehind.batchMethod() + "\"",
                site + "(batchMethod)"));
      }
    }
    return settings;
  }

  private static void put(
      Map<Setting, Explicit<String>> settings, Setting setting, Explicit<String> explicit) {
    if (explicit != null) {
      settings.put(setting, explicit);
    }
  }

  private Explicit<String> duration(String attribute, String text, String site) {
    if (text.isEmpty()) {
      return null;
    }
    Duration duration = Settings.duration(attribute, text, site, report);
    return duration == null ? null : new Explicit<>(duration, "\"" + text + "\"", site);
  }

  private Explicit<String> count(String attribute, long value, long defaultValue, String site) {
    if (value == defaultValue) {
      return null;
    }
    String at = site + "(" + attribute + ")";
    return Settings.positive(attribute, value, at, report)
        ? new Explicit<>(value, Long.toString(value), at)
        : null;
  }

  private static String cacheOf(Annotation annotation) {
    if (annotation instanceof CacheAside a) {
      return a.cache();
    }
    if (annotation instanceof WriteThrough a) {
      return a.cache();
    }
    return ((WriteBehind) annotation).cache();
  }

  private static String keyOf(Annotation annotation) {
    if (annotation instanceof CacheAside a) {
      return a.key();
    }
    if (annotation instanceof WriteThrough a) {
      return a.key();
    }
    return ((WriteBehind) annotation).key();
  }

  // ---------------------------------------------------------------- keys

  private KeyPlan resolveKey(Method method, String expression, boolean allowResult, String site) {
    List<List<String>> parsed = KeyExpression.parse(expression);
    if (parsed == null) {
      report.report(site, Message.MALFORMED_KEY, expression);
      return null;
    }
    Parameter[] parameters = method.getParameters();
    Map<String, Integer> byName = new LinkedHashMap<>();
    for (int i = 0; i < parameters.length; i++) {
      byName.put(parameters[i].getName(), i);
    }
    List<KeyPartPlan> parts = new ArrayList<>();
    for (List<String> steps : parsed) {
      String root = steps.get(0);
      Integer index = byName.get(root);
      Type type;
      if (index != null) {
        type = method.getGenericParameterTypes()[index];
      } else if (root.equals(KeyExpression.RESULT) && allowResult) {
        index = KeyPartPlan.RESULT;
        type = method.getGenericReturnType();
      } else {
        if (parameters.length > 0 && !parameters[0].isNamePresent()) {
          report.report(
              site, Message.PARAMETER_NAMES_MISSING, expression, describe(method), dao.getName());
        } else {
          report.report(
              site,
              Message.KEY_UNKNOWN_PARAMETER,
              expression,
              describe(method),
              root,
              byName.isEmpty() ? "none" : String.join(", ", byName.keySet()),
              KeyExpression.unknownRootHint(root));
        }
        return null;
      }
      List<Member> path = new ArrayList<>();
      for (int i = 1; i < steps.size(); i++) {
        String step = steps.get(i);
        Class<?> owner = erasure(type);
        if (owner.isPrimitive() || owner.isArray()) {
          report.report(
              site,
              Message.KEY_PROPERTY_OF_NON_OBJECT,
              expression,
              String.join(".", steps.subList(0, i)),
              typeName(type),
              step,
              step);
          return null;
        }
        ReflectedMembers members = new ReflectedMembers(owner);
        Member accessor = PropertyRules.find(members, step);
        if (accessor == null) {
          PropertyRules.reportUnknown(
              report, site, expression, owner.getSimpleName(), step, members.propertyNames());
          return null;
        }
        path.add(accessor);
        type =
            accessor instanceof Field field
                ? field.getGenericType()
                : ((Method) accessor).getGenericReturnType();
      }
      parts.add(new KeyPartPlan(index, path, type));
    }
    return new KeyPlan(parts);
  }

  /** The members of one class as a key path may use them, answered by reflection. */
  private final class ReflectedMembers implements PropertyRules.Members<Member> {
    private final Class<?> owner;

    ReflectedMembers(Class<?> owner) {
      this.owner = owner;
    }

    @Override
    public Member recordComponent(String name) {
      if (!owner.isRecord()) {
        return null;
      }
      for (RecordComponent component : owner.getRecordComponents()) {
        if (component.getName().equals(name) && accessible(component.getAccessor())) {
          return component.getAccessor();
        }
      }
      return null;
    }

    @Override
    public Member getter(String name) {
      for (Method method : methods()) {
        if (method.getName().equals(name) && isGetter(method)) {
          return method;
        }
      }
      return null;
    }

    @Override
    public boolean returnsBoolean(Member getter) {
      Class<?> type = ((Method) getter).getReturnType();
      return type == boolean.class || type == Boolean.class;
    }

    @Override
    public Member field(String name) {
      for (Field field : fields()) {
        if (field.getName().equals(name)) {
          return field;
        }
      }
      return null;
    }

    Set<String> propertyNames() {
      Set<String> names = new TreeSet<>();
      if (owner.isRecord()) {
        for (RecordComponent component : owner.getRecordComponents()) {
          names.add(component.getName());
        }
      }
      for (Method method : methods()) {
        if (isGetter(method)) {
          String property =
              PropertyRules.propertyOfGetter(method.getName(), returnsBoolean(method));
          if (property != null) {
            names.add(property);
          }
        }
      }
      for (Field field : fields()) {
        names.add(field.getName());
      }
      return names;
    }

    private List<Method> methods() {
      List<Method> methods = new ArrayList<>(Arrays.asList(owner.getMethods()));
      for (Class<?> type = owner; type != null; type = type.getSuperclass()) {
        for (Method method : type.getDeclaredMethods()) {
          if (!Modifier.isPublic(method.getModifiers()) && accessible(method)) {
            methods.add(method);
          }
        }
      }
      return methods;
    }

    private List<Field> fields() {
      List<Field> fields = new ArrayList<>();
      for (Class<?> type = owner; type != null; type = type.getSuperclass()) {
        for (Field field : type.getDeclaredFields()) {
          if (!Modifier.isStatic(field.getModifiers()) && accessible(field)) {
            fields.add(field);
          }
        }
      }
      return fields;
    }

    private boolean isGetter(Method method) {
      return method.getParameterCount() == 0
          && method.getTypeParameters().length == 0
          && method.getReturnType() != void.class
          && !Modifier.isStatic(method.getModifiers())
          && accessible(method);
    }
  }

  /** Public, or not private and in the DAO's package: what the generated decorator could call. */
  private <M extends AccessibleObject & Member> boolean accessible(M member) {
    int modifiers = member.getModifiers();
    if (Modifier.isPublic(modifiers)
        && Modifier.isPublic(member.getDeclaringClass().getModifiers())) {
      return true;
    }
    return !Modifier.isPrivate(modifiers)
        && member.getDeclaringClass().getPackageName().equals(dao.getPackageName());
  }

  private static KeyPlan wholeParameters(Method method, List<Integer> indexes) {
    List<KeyPartPlan> parts = new ArrayList<>();
    for (int index : indexes) {
      parts.add(new KeyPartPlan(index, List.of(), method.getGenericParameterTypes()[index]));
    }
    return new KeyPlan(parts);
  }

  private static List<RoleRules.KeyPart> wholeness(Method method, KeyPlan key) {
    List<RoleRules.KeyPart> parts = new ArrayList<>();
    for (KeyPartPlan part : key.parts()) {
      String root =
          part.parameter() == KeyPartPlan.RESULT
              ? KeyExpression.RESULT
              : method.getParameters()[part.parameter()].getName();
      parts.add(new RoleRules.KeyPart(root, part.path().isEmpty()));
    }
    return parts;
  }

  private static List<Integer> indexesOf(Method method, List<String> names) {
    List<Integer> indexes = new ArrayList<>();
    Parameter[] parameters = method.getParameters();
    for (String name : names) {
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i].getName().equals(name)) {
          indexes.add(i);
        }
      }
    }
    return indexes;
  }

  private static List<Integer> annotatedParameters(
      Method method, Class<? extends Annotation> annotation) {
    List<Integer> indexes = new ArrayList<>();
    Parameter[] parameters = method.getParameters();
    for (int i = 0; i < parameters.length; i++) {
      if (parameters[i].isAnnotationPresent(annotation)) {
        indexes.add(i);
      }
    }
    return indexes;
  }

  private static List<Type> keyTypes(KeyPlan key) {
    List<Type> types = new ArrayList<>();
    for (KeyPartPlan part : key.parts()) {
      types.add(box(erasure(part.type())));
    }
    return types;
  }

  // ---------------------------------------------------------------- the method as the rules see it

  private static final class Shape implements RoleRules.Shape {
    private final Method method;

    Shape(Method method) {
      this.method = method;
    }

    @Override
    public String describe() {
      return DynamicReader.describe(method);
    }

    @Override
    public String name() {
      return method.getName();
    }

    @Override
    public List<RoleRules.Parameter> parameters() {
      List<RoleRules.Parameter> list = new ArrayList<>();
      for (Parameter parameter : method.getParameters()) {
        list.add(
            new RoleRules.Parameter(
                parameter.getName(),
                parameter.isAnnotationPresent(Key.class),
                parameter.isAnnotationPresent(CacheValue.class)));
      }
      return list;
    }

    @Override
    public boolean returnsVoid() {
      return method.getReturnType() == void.class;
    }

    @Override
    public String returnTypeName() {
      return typeName(method.getGenericReturnType());
    }

    @Override
    public boolean returnsTypeOf(String parameter) {
      return !returnsVoid()
          && canonical(parameterType(parameter)).equals(canonical(method.getGenericReturnType()));
    }

    @Override
    public String typeNameOf(String parameter) {
      return typeName(
          canonical(parameter == null ? method.getGenericReturnType() : parameterType(parameter)));
    }

    private Type parameterType(String name) {
      return method.getGenericParameterTypes()[indexesOf(method, List.of(name)).get(0)];
    }
  }

  static String describe(Method method) {
    return Names.method(
        method.getDeclaringClass().getSimpleName(),
        method.getName(),
        Arrays.stream(method.getGenericParameterTypes())
            .map(DynamicReader::typeName)
            .collect(Collectors.toList()));
  }

  /**
   * A type as javac writes it in messages: {@code java.util.List<test.ProductDao.Product>}, with
   * nested classes joined by dots, not by the {@code $} of binary names.
   */
  static String typeName(Type type) {
    if (type instanceof Class<?> raw) {
      if (raw.isArray()) {
        return typeName(raw.getComponentType()) + "[]";
      }
      return raw.getCanonicalName() != null ? raw.getCanonicalName() : raw.getName();
    }
    if (type instanceof ParameterizedType parameterized) {
      return typeName(parameterized.getRawType())
          + Arrays.stream(parameterized.getActualTypeArguments())
              .map(DynamicReader::typeName)
              .collect(Collectors.joining(",", "<", ">"));
    }
    if (type instanceof GenericArrayType array) {
      return typeName(array.getGenericComponentType()) + "[]";
    }
    if (type instanceof WildcardType wildcard) {
      if (wildcard.getLowerBounds().length > 0) {
        return "? super " + typeName(wildcard.getLowerBounds()[0]);
      }
      Type upper = wildcard.getUpperBounds()[0];
      return upper == Object.class ? "?" : "? extends " + typeName(upper);
    }
    return type.getTypeName();
  }

  // ---------------------------------------------------------------- types

  /**
   * The type as the generated code writes it into a CacheSpec: boxed, wildcards and type variables
   * replaced by their bounds, generic types as {@link Types#parameterized}, so that the specs of
   * the two kinds of decorators of one cache are equal.
   */
  static Type canonical(Type type) {
    if (type instanceof Class<?> raw) {
      return box(raw);
    }
    if (type instanceof ParameterizedType parameterized) {
      Type[] arguments = parameterized.getActualTypeArguments();
      Type[] canonical = new Type[arguments.length];
      for (int i = 0; i < arguments.length; i++) {
        canonical[i] = canonical(arguments[i]);
      }
      return Types.parameterized((Class<?>) parameterized.getRawType(), canonical);
    }
    if (type instanceof WildcardType wildcard) {
      return canonical(wildcard.getUpperBounds()[0]);
    }
    if (type instanceof TypeVariable<?> variable) {
      return canonical(variable.getBounds()[0]);
    }
    return erasure(type);
  }

  private static Type unwrapOptional(Type type) {
    if (type instanceof ParameterizedType parameterized
        && parameterized.getRawType() == Optional.class) {
      return canonical(parameterized.getActualTypeArguments()[0]);
    }
    return canonical(type);
  }

  static Class<?> erasure(Type type) {
    if (type instanceof Class<?> raw) {
      return raw;
    }
    if (type instanceof ParameterizedType parameterized) {
      return (Class<?>) parameterized.getRawType();
    }
    if (type instanceof GenericArrayType array) {
      return erasure(array.getGenericComponentType()).arrayType();
    }
    if (type instanceof WildcardType wildcard) {
      return erasure(wildcard.getUpperBounds()[0]);
    }
    if (type instanceof TypeVariable<?> variable) {
      return erasure(variable.getBounds()[0]);
    }
    return Object.class;
  }

  static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    return switch (type.getName()) {
      case "int" -> Integer.class;
      case "long" -> Long.class;
      case "boolean" -> Boolean.class;
      case "double" -> Double.class;
      case "float" -> Float.class;
      case "short" -> Short.class;
      case "byte" -> Byte.class;
      case "char" -> Character.class;
      default -> Void.class;
    };
  }
}
