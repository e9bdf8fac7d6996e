package dev.cachalot;

import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isEquals;
import static net.bytebuddy.matcher.ElementMatchers.isHashCode;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.isToString;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.cachalot.DynamicReader.Blueprint;
import dev.cachalot.DynamicReader.InvalidationPlan;
import dev.cachalot.DynamicReader.KeyPartPlan;
import dev.cachalot.DynamicReader.KeyPlan;
import dev.cachalot.DynamicReader.MethodPlan;
import dev.cachalot.rules.CacheModel;
import dev.cachalot.rules.Role;
import dev.cachalot.rules.WriteResult;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.FieldManifestation;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FieldAccessor;
import net.bytebuddy.implementation.InvocationHandlerAdapter;
import net.bytebuddy.implementation.MethodCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Design note: decorators built at run time, for interfaces the processor did not see.
 *
 * The class. Per interface, once (a ClassValue): DynamicReader checks the interface with the
 * processor's rules and plans every method; Byte Buddy then defines `<Interface>$CachalotDynamic`
 * in the interface's own package and class loader (a private lookup, so package-private
 * interfaces work too). The class holds one InvocationHandler and routes every interface method to
 * it; Object's methods are left to Object, as in a generated decorator.
 *
 * The instance. Per decorate() call, a Dispatcher binds the plans to this Cachalot's engines (the
 * very engines a generated decorator gets, through the same factories with an equal CacheSpec) and
 * to the delegate, through method handles. The handlers do what the generated method bodies do,
 * statement for statement; only the argument array and the handle calls are extra, which is the
 * price of this path (the benchmarks measure it).
 *
 * Exceptions: a handler rethrows what the delegate threw, unchanged; the generated class declares
 * no checked exceptions of its own, so the DAO's declared ones pass through as they are.
 */

/** Builds decorators at run time with Byte Buddy. Thread-safe. */
final class DynamicDecorators {

  private static final Logger log = LoggerFactory.getLogger(DynamicDecorators.class);

  /** The built class of each interface, or the reason it cannot be built. */
  private static final ClassValue<Object> CLASSES =
      new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> dao) {
          try {
            return new Built(DynamicReader.read(dao), define(dao));
          } catch (CachalotException e) {
            return e.getMessage();
          }
        }
      };

  /** Logs, once per interface, that the processor did not run for it. */
  private static final ClassValue<Boolean> WARNED =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> dao) {
          log.warn(
              "No generated decorator {} for {}; using a decorator built at run time, which is"
                  + " slower. Add dev.cachalot:cachalot-processor to the annotationProcessorPaths"
                  + " of the maven-compiler-plugin (or Gradle's annotationProcessor) to generate"
                  + " it at compile time.",
              Cachalot.generatedName(dao),
              dao.getName());
          return Boolean.TRUE;
        }
      };

  private record Built(Blueprint blueprint, Class<?> type) {}

  private DynamicDecorators() {}

  /**
   * Decorates {@code delegate}, building the class for {@code dao} on first use.
   *
   * @param missingGenerated whether no generated decorator exists (then a warning is logged once
   *     per interface), as opposed to one that this Cachalot was told not to use
   * @throws CachalotException when the interface breaks a rule, naming every problem
   */
  static <T> T decorate(Cachalot cachalot, Class<T> dao, T delegate, boolean missingGenerated) {
    Object built = CLASSES.get(dao);
    if (missingGenerated) {
      WARNED.get(dao);
    }
    if (built instanceof String problems) {
      throw new CachalotException(problems);
    }
    Built decorator = (Built) built;
    Dispatcher dispatcher = new Dispatcher(cachalot, decorator.blueprint(), delegate);
    try {
      return dao.cast(
          decorator.type().getConstructor(InvocationHandler.class).newInstance(dispatcher));
    } catch (ReflectiveOperationException e) {
      throw new CachalotException(
          "the run-time decorator of " + dao.getName() + " cannot be created: " + e, e);
    }
  }

  private static Class<?> define(Class<?> dao) {
    try {
      return new ByteBuddy()
          .subclass(Object.class)
          .implement(dao)
          .name(dao.getName() + "$CachalotDynamic")
          .defineField(
              "dispatcher", InvocationHandler.class, Visibility.PRIVATE, FieldManifestation.FINAL)
          .defineConstructor(Visibility.PUBLIC)
          .withParameters(InvocationHandler.class)
          .intercept(
              MethodCall.invoke(Object.class.getConstructor())
                  .andThen(FieldAccessor.ofField("dispatcher").setsArgumentAt(0)))
          .method(
              isDeclaredBy(isInterface())
                  .and(not(isStatic()))
                  .and(not(isEquals()))
                  .and(not(isHashCode()))
                  .and(not(isToString())))
          .intercept(InvocationHandlerAdapter.toField("dispatcher"))
          .make()
          .load(
              dao.getClassLoader(),
              ClassLoadingStrategy.UsingLookup.of(
                  MethodHandles.privateLookupIn(dao, MethodHandles.lookup())))
          .getLoaded();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new CachalotException(
          "the run-time decorator of " + dao.getName() + " cannot be defined: " + e, e);
    }
  }

  // ---------------------------------------------------------------- the instance

  /** One decorator instance's routing of interface methods to their handlers. */
  private static final class Dispatcher implements InvocationHandler {
    private final Map<Method, Handler> handlers = new HashMap<>();

    Dispatcher(Cachalot cachalot, Blueprint blueprint, Object delegate) {
      Map<String, CacheEngine<Object, Object>> engines = new HashMap<>();
      for (CacheModel<Type> cache : blueprint.caches().values()) {
        engines.put(cache.name(), engine(cachalot, cache, blueprint, delegate));
      }
      Map<String, Invalidator> invalidators = new HashMap<>();
      for (String cache : blueprint.invalidatedOnly()) {
        invalidators.put(cache, cachalot.invalidator(cache));
      }
      for (MethodPlan plan : blueprint.methods()) {
        handlers.put(plan.method(), handler(plan, delegate, engines, invalidators));
      }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      Handler handler = handlers.get(method);
      if (handler == null) {
        throw new CachalotException("no handler for " + method + "; this is a bug in Cachalot");
      }
      return handler.handle(args == null ? new Object[0] : args);
    }
  }

  @SuppressWarnings("unchecked") // one engine per cache; keys and values are checked by the plans
  private static CacheEngine<Object, Object> engine(
      Cachalot cachalot, CacheModel<Type> cache, Blueprint blueprint, Object delegate) {
    CacheSpec.Builder<Object, Object> spec =
        CacheSpec.<Object, Object>named(cache.name())
            .keyType(cache.keyParts().toArray(new Type[0]))
            .valueType(cache.valueType());
    if (cache.ttl() != null) {
      spec.ttl(cache.ttl());
    }
    if (cache.negativeTtl() != null) {
      spec.negativeTtl(cache.negativeTtl());
    }
    return switch (cache.strategy()) {
      case CACHE_ASIDE -> cachalot.cacheAside(spec.build());
      case WRITE_THROUGH -> cachalot.writeThrough(spec.build());
      case WRITE_BEHIND -> writeBehindEngine(cachalot, cache, spec, blueprint, delegate);
    };
  }

  private static CacheEngine<Object, Object> writeBehindEngine(
      Cachalot cachalot,
      CacheModel<Type> cache,
      CacheSpec.Builder<Object, Object> spec,
      Blueprint blueprint,
      Object delegate) {
    CacheSpec<Object, Object> writeBehind =
        spec.flushInterval(Duration.ofMillis(cache.flushMillis()))
            .maxBatch(cache.maxBatch())
            .capacity(cache.capacity())
            .build();
    Method batch = blueprint.batchMethods().get(cache.name());
    if (batch == null) {
      return cachalot.writeBehind(writeBehind);
    }
    MethodHandle batchCall = bind(batch, delegate);
    return cachalot.writeBehind(
        writeBehind, values -> rethrowAsException(batchCall, new Object[] {values}));
  }

  /** One method of a decorator instance. */
  @FunctionalInterface
  private interface Handler {
    Object handle(Object[] args) throws Throwable;
  }

  private static Handler handler(
      MethodPlan plan,
      Object delegate,
      Map<String, CacheEngine<Object, Object>> engines,
      Map<String, Invalidator> invalidators) {
    MethodHandle call = bind(plan.method(), delegate);
    List<Invalidation> invalidations = new ArrayList<>();
    for (InvalidationPlan invalidation : plan.invalidations()) {
      invalidations.add(invalidation(invalidation, engines, invalidators));
    }
    Handler body = body(plan, call, engines);
    if (invalidations.isEmpty()) {
      return body;
    }
    return args -> {
      Object result = body.handle(args);
      for (Invalidation invalidation : invalidations) {
        invalidation.run(args);
      }
      return result;
    };
  }

  /** The statements of the generated method body, as a handler. */
  private static Handler body(
      MethodPlan plan, MethodHandle call, Map<String, CacheEngine<Object, Object>> engines) {
    if (plan.role() == Role.PASS_THROUGH) {
      return args -> call.invokeExact(args);
    }
    KeyFunction key = keyFunction(plan.key());
    int value = plan.valueParameter();
    CacheEngine<Object, Object> engine = engines.get(plan.cache());
    if (plan.role() == Role.READ) {
      boolean optional = plan.optionalRead();
      return args -> {
        Object k = key.apply(args, null);
        Object found = engine.getIfPresent(k);
        if (found == null) {
          found =
              engine.load(
                  k,
                  () ->
                      optional
                          ? ((Optional<?>) invoke(call, args)).orElse(null)
                          : invoke(call, args));
        }
        return optional ? Optional.ofNullable(found) : found;
      };
    }
    if (plan.role() == Role.DELETE) {
      return args -> {
        deleteOf(engine).delete(key.apply(args, null), () -> invoke(call, args));
        return null;
      };
    }
    return switch (plan.strategy()) {
      case CACHE_ASIDE -> cacheAsideWrite(plan, call, key, engine);
      case WRITE_THROUGH -> writeThroughWrite(plan, call, key, value, engine);
      case WRITE_BEHIND -> {
        WriteBehindEngine<Object, Object> writeBehind = (WriteBehindEngine<Object, Object>) engine;
        yield args -> {
          writeBehind.write(key.apply(args, null), args[value], () -> invoke(call, args));
          return null;
        };
      }
    };
  }

  private static Handler cacheAsideWrite(
      MethodPlan plan, MethodHandle call, KeyFunction key, CacheEngine<Object, Object> engine) {
    CacheAsideEngine<Object, Object> cacheAside = (CacheAsideEngine<Object, Object>) engine;
    if (plan.writeResult() == WriteResult.VOID) {
      return args -> {
        cacheAside.write(key.apply(args, null), () -> invoke(call, args));
        return null;
      };
    }
    return args -> cacheAside.writeReturning(key.apply(args, null), () -> invoke(call, args));
  }

  private static Handler writeThroughWrite(
      MethodPlan plan,
      MethodHandle call,
      KeyFunction key,
      int value,
      CacheEngine<Object, Object> engine) {
    WriteThroughEngine<Object, Object> writeThrough = (WriteThroughEngine<Object, Object>) engine;
    boolean keyedByResult =
        plan.key().parts().stream().anyMatch(p -> p.parameter() == KeyPartPlan.RESULT);
    if (keyedByResult) {
      return args ->
          writeThrough.writeAndCacheResult(
              () -> invoke(call, args), result -> key.applyUnchecked(args, result));
    }
    return switch (plan.writeResult()) {
      case VOID ->
          args -> {
            writeThrough.write(key.apply(args, null), args[value], () -> invoke(call, args));
            return null;
          };
      case OTHER ->
          args ->
              writeThrough.writeReturning(
                  key.apply(args, null), args[value], () -> invoke(call, args));
      case VALUE ->
          args -> writeThrough.writeAndCacheResult(key.apply(args, null), () -> invoke(call, args));
    };
  }

  /** The delete of each strategy's engine, which the three engine interfaces each declare. */
  private interface Delete {
    void delete(Object key, DatabaseWrite<Throwable> delete) throws Throwable;
  }

  private static Delete deleteOf(CacheEngine<Object, Object> engine) {
    if (engine instanceof CacheAsideEngine<Object, Object> cacheAside) {
      return cacheAside::delete;
    }
    if (engine instanceof WriteThroughEngine<Object, Object> writeThrough) {
      return writeThrough::delete;
    }
    WriteBehindEngine<Object, Object> writeBehind = (WriteBehindEngine<Object, Object>) engine;
    return writeBehind::delete;
  }

  // ---------------------------------------------------------------- invalidation

  @FunctionalInterface
  private interface Invalidation {
    void run(Object[] args) throws Throwable;
  }

  private static Invalidation invalidation(
      InvalidationPlan plan,
      Map<String, CacheEngine<Object, Object>> engines,
      Map<String, Invalidator> invalidators) {
    CacheEngine<Object, Object> engine = engines.get(plan.cache());
    if (engine != null) {
      if (plan.key() == null) {
        return args -> engine.invalidateAll();
      }
      KeyFunction key = keyFunction(plan.key());
      return args -> engine.invalidate(key.apply(args, null));
    }
    Invalidator invalidator = invalidators.get(plan.cache());
    if (plan.key() == null) {
      return args -> invalidator.invalidateAll();
    }
    KeyFunction key = keyFunction(plan.key());
    return args -> invalidator.invalidate(key.apply(args, null));
  }

  // ---------------------------------------------------------------- keys

  /** Computes a key from the arguments and, for keys over {@code result}, the written value. */
  @FunctionalInterface
  private interface KeyFunction {
    Object apply(Object[] args, Object result) throws Throwable;

    default Object applyUnchecked(Object[] args, Object result) {
      try {
        return apply(args, result);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new CachalotException("a key accessor failed: " + e, e);
      }
    }
  }

  private static KeyFunction keyFunction(KeyPlan key) {
    List<KeyFunction> parts = new ArrayList<>();
    for (KeyPartPlan part : key.parts()) {
      parts.add(partFunction(part));
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return (args, result) -> {
      Object first = parts.get(0).apply(args, result);
      Object second = parts.get(1).apply(args, result);
      Object[] more = new Object[parts.size() - 2];
      for (int i = 2; i < parts.size(); i++) {
        more[i - 2] = parts.get(i).apply(args, result);
      }
      return CompositeKey.of(first, second, more);
    };
  }

  private static KeyFunction partFunction(KeyPartPlan part) {
    int parameter = part.parameter();
    List<MethodHandle> accessors = new ArrayList<>();
    for (Member member : part.path()) {
      accessors.add(accessor(member));
    }
    return (args, result) -> {
      Object value = parameter == KeyPartPlan.RESULT ? result : args[parameter];
      for (MethodHandle accessor : accessors) {
        value = (Object) accessor.invokeExact(value);
      }
      return value;
    };
  }

  // ---------------------------------------------------------------- method handles

  /** {@code delegate.method(args...)} as {@code (Object[]) -> Object}. */
  private static MethodHandle bind(Method method, Object delegate) {
    try {
      MethodHandles.Lookup lookup =
          MethodHandles.privateLookupIn(method.getDeclaringClass(), MethodHandles.lookup());
      return lookup
          .unreflect(method)
          .bindTo(delegate)
          .asSpreader(Object[].class, method.getParameterCount())
          .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (IllegalAccessException e) {
      throw new CachalotException("cannot call " + method + " of the delegate: " + e, e);
    }
  }

  /** A key path step as {@code (Object) -> Object}. */
  private static MethodHandle accessor(Member member) {
    try {
      MethodHandles.Lookup lookup =
          MethodHandles.privateLookupIn(member.getDeclaringClass(), MethodHandles.lookup());
      MethodHandle handle =
          member instanceof Field field
              ? lookup.unreflectGetter(field)
              : lookup.unreflect((Method) member);
      return handle.asType(MethodType.methodType(Object.class, Object.class));
    } catch (IllegalAccessException e) {
      throw new CachalotException("cannot read the key property " + member + ": " + e, e);
    }
  }

  private static Object invoke(MethodHandle call, Object[] args) throws Throwable {
    return (Object) call.invokeExact(args);
  }

  private static void rethrowAsException(MethodHandle call, Object[] args) throws Exception {
    try {
      Object unused = (Object) call.invokeExact(args);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new CachalotException("the batch method failed: " + e, e);
    }
  }
}
