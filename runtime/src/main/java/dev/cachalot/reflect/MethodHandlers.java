package dev.cachalot.reflect;

import dev.cachalot.CachalotException;
import dev.cachalot.internal.ArrayKey;
import dev.cachalot.internal.CacheAsideEngine;
import dev.cachalot.internal.CacheEngine;
import dev.cachalot.internal.CompositeKey;
import dev.cachalot.internal.DecoratedMethod;
import dev.cachalot.internal.InvalidationTarget;
import dev.cachalot.internal.Loading;
import dev.cachalot.internal.ResultWriting;
import dev.cachalot.internal.SingleKey;
import dev.cachalot.internal.ValueWriting;
import dev.cachalot.internal.WriteBehindEngine;
import dev.cachalot.internal.WriteBehindMethod;
import dev.cachalot.internal.WriteThroughEngine;
import dev.cachalot.internal.Writing;
import dev.cachalot.rules.element.MemberRef;
import dev.cachalot.rules.element.TypeRef;
import dev.cachalot.rules.plan.InvalidationPlan;
import dev.cachalot.rules.plan.KeyPart;
import dev.cachalot.rules.plan.KeyPlan;
import dev.cachalot.rules.plan.MethodPlan;
import dev.cachalot.rules.plan.Replay;
import dev.cachalot.rules.plan.Role;
import dev.cachalot.rules.plan.WriteResult;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The handlers of a run-time decorator: each does, with the plan of its method, what the generated
 * method body does, statement for statement (see the processor's {@code DecoratorWriter}).
 */
final class MethodHandlers {

  /** A method of a decorator instance, with its arguments in an array. */
  @FunctionalInterface
  interface Handler extends DecoratedMethod.Arguments {}

  private static final Object[] NO_ARGUMENTS = {};

  /**
   * The handler of {@code plan}, as the run-time class calls it: a {@link
   * DecoratedMethod.NoArguments}, a {@link DecoratedMethod.OneArgument} or a {@link
   * DecoratedMethod.Arguments}, by the number of the method's parameters. A read of one or no
   * parameter makes no array on a hit (its key is computed from the argument itself); other methods
   * put their argument in an array, as a write costs a database call anyway.
   */
  static Object forArity(
      MethodPlan plan,
      Object delegate,
      Map<String, CacheEngine<Object, Object>> engines,
      Map<String, InvalidationTarget> targets) {
    Handler general = of(plan, delegate, engines, targets);
    int arity = plan.method().parameters().size();
    boolean plainRead = plan.role() == Role.READ && plan.invalidations().isEmpty();
    if (arity == 1) {
      if (!plainRead) {
        return (DecoratedMethod.OneArgument) argument -> general.handle(new Object[] {argument});
      }
      MethodHandle call = bind(((ReflectMethod) plan.method()).method(), delegate);
      return oneArgumentRead(plan, call, engines.get(plan.cache()));
    }
    if (arity == 0) {
      return (DecoratedMethod.NoArguments) () -> general.handle(NO_ARGUMENTS);
    }
    return general;
  }

  /** A read of one parameter, whose hit touches no array: the generated read, as a handler. */
  private static DecoratedMethod.OneArgument oneArgumentRead(
      MethodPlan plan, MethodHandle call, CacheEngine<Object, Object> engine) {
    KeyFunction key = keyFunction(plan.key());
    boolean optional = plan.optionalRead();
    return argument -> {
      Object k = key.ofOne(argument);
      Object value = engine.getIfPresent(k);
      if (value == null) {
        value = load(engine, k, optional, call, new Object[] {argument});
      }
      return optional ? Optional.ofNullable(value) : value;
    };
  }

  /** The miss branch of a read: the leader loads and fills, the others join. */
  private static Object load(
      CacheEngine<Object, Object> engine,
      Object key,
      boolean optional,
      MethodHandle call,
      Object[] args)
      throws Throwable {
    Loading<Object> loading = engine.startLoad(key);
    try {
      if (!loading.isLeader()) {
        return loading.join();
      }
      Object loaded = invoke(call, args);
      return loading.fill(optional ? ((Optional<?>) loaded).orElse(null) : loaded);
    } catch (Throwable e) {
      loading.failed(e);
      throw e;
    }
  }

  private MethodHandlers() {}

  @SuppressWarnings("unchecked") // one engine per cache; keys and values are checked by the plan
  static Handler of(
      MethodPlan plan,
      Object delegate,
      Map<String, CacheEngine<Object, Object>> engines,
      Map<String, InvalidationTarget> targets) {
    MethodHandle call = bind(((ReflectMethod) plan.method()).method(), delegate);
    Handler body = body(plan, call, engines);
    List<Invalidation> invalidations = new ArrayList<>();
    for (InvalidationPlan invalidation : plan.invalidations()) {
      invalidations.add(invalidation(invalidation, engines, targets));
    }
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

  @SuppressWarnings("unchecked") // the plan's strategy says which engine a cache has
  private static Handler body(
      MethodPlan plan, MethodHandle call, Map<String, CacheEngine<Object, Object>> engines) {
    if (plan.role() == Role.PASS_THROUGH) {
      return args -> invoke(call, args);
    }
    KeyFunction key = keyFunction(plan.key());
    CacheEngine<Object, Object> engine = engines.get(plan.cache());
    if (plan.role() == Role.READ) {
      return read(plan.optionalRead(), call, key, engine);
    }
    return switch (plan.strategy()) {
      case CACHE_ASIDE -> {
        CacheAsideEngine<Object, Object> cacheAside = (CacheAsideEngine<Object, Object>) engine;
        boolean delete = plan.role() == Role.DELETE;
        yield args -> {
          Object k = key.apply(args, null);
          Writing writing = delete ? cacheAside.startDelete(k) : cacheAside.startWrite(k);
          Object result;
          try {
            result = invoke(call, args);
          } catch (Throwable e) {
            writing.failed(e);
            throw e;
          }
          writing.succeeded();
          return result;
        };
      }
      case WRITE_THROUGH ->
          writeThrough(plan, call, key, (WriteThroughEngine<Object, Object>) engine);
      case WRITE_BEHIND -> writeBehind(plan, call, key, (WriteBehindEngine<Object, Object>) engine);
    };
  }

  /**
   * A write-behind write or delete: bound to the engine with a call made from the key and value
   * when the method is replayable (as the generated constructor binds it), else queued with its own
   * arguments.
   */
  private static Handler writeBehind(
      MethodPlan plan,
      MethodHandle call,
      KeyFunction key,
      WriteBehindEngine<Object, Object> engine) {
    boolean delete = plan.role() == Role.DELETE;
    int value = plan.valueParameter();
    Replay replay = Replay.of(plan);
    if (!replay.isPossible()) {
      engine.requireInMemory(replay.methodId(), replay.obstacleMessage(replay.methodId()));
      if (delete) {
        return args -> {
          engine.delete(key.apply(args, null), () -> invokeAsException(call, args));
          return null;
        };
      }
      return args -> {
        engine.write(key.apply(args, null), args[value], () -> invokeAsException(call, args));
        return null;
      };
    }
    List<Replay.Argument> sources = replay.arguments();
    WriteBehindMethod<Object, Object> method =
        engine.method(
            replay.methodId(),
            (k, v) -> {
              Object[] args = new Object[sources.size()];
              for (int i = 0; i < args.length; i++) {
                Replay.Argument source = sources.get(i);
                args[i] =
                    switch (source.source()) {
                      case VALUE -> v;
                      case KEY -> unwrapped(k);
                      case KEY_PART -> unwrapped(((CompositeKey) k).part(source.keyPart()));
                    };
              }
              invokeAsException(call, args);
            });
    if (delete) {
      return args -> {
        method.delete(key.apply(args, null));
        return null;
      };
    }
    return args -> {
      method.write(key.apply(args, null), args[value]);
      return null;
    };
  }

  /** A key part as the method takes it: an array key as the array. */
  private static Object unwrapped(Object part) {
    return part instanceof ArrayKey array ? array.toArray() : part;
  }

  private static Handler read(
      boolean optional, MethodHandle call, KeyFunction key, CacheEngine<Object, Object> engine) {
    return args -> {
      Object k = key.apply(args, null);
      Object value = engine.getIfPresent(k);
      if (value == null) {
        value = load(engine, k, optional, call, args);
      }
      return optional ? Optional.ofNullable(value) : value;
    };
  }

  private static Handler writeThrough(
      MethodPlan plan,
      MethodHandle call,
      KeyFunction key,
      WriteThroughEngine<Object, Object> engine) {
    if (plan.role() == Role.DELETE) {
      return args -> {
        Writing writing = engine.startDelete(key.apply(args, null));
        try {
          invoke(call, args);
        } catch (Throwable e) {
          writing.failed(e);
          throw e;
        }
        writing.succeeded();
        return null;
      };
    }
    if (plan.key().usesResult()) {
      return args -> {
        ResultWriting<Object, Object> writing = engine.startWriteOfResult();
        Object result;
        try {
          result = invoke(call, args);
        } catch (Throwable e) {
          writing.failed(e);
          throw e;
        }
        writing.succeeded(result == null ? null : key.apply(args, result), result);
        return result;
      };
    }
    boolean cachesResult = plan.writeResult() == WriteResult.VALUE;
    int value = plan.valueParameter();
    return args -> {
      ValueWriting<Object> writing = engine.startWrite(key.apply(args, null));
      Object result;
      try {
        result = invoke(call, args);
      } catch (Throwable e) {
        writing.failed(e);
        throw e;
      }
      writing.succeeded(cachesResult ? result : args[value]);
      return result;
    };
  }

  // ---------------------------------------------------------------- invalidation

  @FunctionalInterface
  private interface Invalidation {
    void run(Object[] args) throws Throwable;
  }

  private static Invalidation invalidation(
      InvalidationPlan plan,
      Map<String, CacheEngine<Object, Object>> engines,
      Map<String, InvalidationTarget> targets) {
    CacheEngine<Object, Object> engine = engines.get(plan.cache());
    if (engine != null) {
      if (plan.all()) {
        return args -> engine.invalidateAll();
      }
      KeyFunction key = keyFunction(plan.key());
      return args -> engine.invalidate(key.apply(args, null));
    }
    InvalidationTarget target = targets.get(plan.cache());
    if (plan.all()) {
      return args -> target.invalidateAll();
    }
    KeyFunction key = keyFunction(plan.key());
    return args -> target.invalidate(key.apply(args, null));
  }

  // ---------------------------------------------------------------- keys

  /** Computes a key from the arguments and, for keys over {@code result}, the written value. */
  private interface KeyFunction {
    Object apply(Object[] args, Object result) throws Throwable;

    /** The key of a method of one parameter, from its argument. */
    Object ofOne(Object argument) throws Throwable;
  }

  private static KeyFunction keyFunction(KeyPlan key) {
    if (key.parts().isEmpty()) {
      return new KeyFunction() {
        @Override
        public Object apply(Object[] args, Object result) {
          return SingleKey.INSTANCE;
        }

        @Override
        public Object ofOne(Object argument) {
          return SingleKey.INSTANCE;
        }
      };
    }
    List<KeyFunction> parts = new ArrayList<>();
    for (KeyPart part : key.parts()) {
      parts.add(partFunction(part));
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return new KeyFunction() {
      @Override
      public Object apply(Object[] args, Object result) throws Throwable {
        Object[] values = new Object[parts.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = parts.get(i).apply(args, result);
        }
        return composite(values);
      }

      @Override
      public Object ofOne(Object argument) throws Throwable {
        Object[] values = new Object[parts.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = parts.get(i).ofOne(argument);
        }
        return composite(values);
      }
    };
  }

  private static CompositeKey composite(Object[] values) {
    Object[] more = new Object[values.length - 2];
    System.arraycopy(values, 2, more, 0, more.length);
    return CompositeKey.of(values[0], values[1], more);
  }

  private static KeyFunction partFunction(KeyPart part) {
    int parameter = part.parameter();
    List<MethodHandle> accessors = new ArrayList<>();
    for (MemberRef member : part.path()) {
      accessors.add(accessor(((ReflectMember) member).member()));
    }
    boolean array = part.type().kind() == TypeRef.Kind.ARRAY;
    return new KeyFunction() {
      @Override
      public Object apply(Object[] args, Object result) throws Throwable {
        return follow(parameter == KeyPart.RESULT ? result : args[parameter]);
      }

      @Override
      public Object ofOne(Object argument) throws Throwable {
        return follow(argument);
      }

      private Object follow(Object root) throws Throwable {
        Object value = root;
        for (MethodHandle accessor : accessors) {
          value = (Object) accessor.invokeExact(value);
        }
        return array ? ArrayKey.of(value) : value;
      }
    };
  }

  // ---------------------------------------------------------------- method handles

  /** {@code delegate.method(args...)} as {@code (Object[]) -> Object}. */
  static MethodHandle bind(Method method, Object delegate) {
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

  /** Runs {@code call} for a flusher, which takes {@code Exception}s. */
  static void invokeAsException(MethodHandle call, Object[] args) throws Exception {
    try {
      Object unused = (Object) call.invokeExact(args);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new CachalotException("the DAO call failed: " + e, e);
    }
  }
}
