package dev.cachalot.reflect;

import dev.cachalot.CachalotException;
import dev.cachalot.internal.ArrayKey;
import dev.cachalot.internal.CacheAsideEngine;
import dev.cachalot.internal.CacheEngine;
import dev.cachalot.internal.CompositeKey;
import dev.cachalot.internal.InvalidationTarget;
import dev.cachalot.internal.Loading;
import dev.cachalot.internal.ResultWriting;
import dev.cachalot.internal.SingleKey;
import dev.cachalot.internal.ValueWriting;
import dev.cachalot.internal.WriteBehindEngine;
import dev.cachalot.internal.WriteThroughEngine;
import dev.cachalot.internal.Writing;
import dev.cachalot.rules.element.MemberRef;
import dev.cachalot.rules.element.TypeRef;
import dev.cachalot.rules.plan.InvalidationPlan;
import dev.cachalot.rules.plan.KeyPart;
import dev.cachalot.rules.plan.KeyPlan;
import dev.cachalot.rules.plan.MethodPlan;
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

  /** One method of a decorator instance. */
  @FunctionalInterface
  interface Handler {
    Object handle(Object[] args) throws Throwable;
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
      case WRITE_BEHIND -> {
        WriteBehindEngine<Object, Object> writeBehind = (WriteBehindEngine<Object, Object>) engine;
        if (plan.role() == Role.DELETE) {
          yield args -> {
            writeBehind.delete(key.apply(args, null), () -> invokeAsException(call, args));
            return null;
          };
        }
        int value = plan.valueParameter();
        yield args -> {
          writeBehind.write(
              key.apply(args, null), args[value], () -> invokeAsException(call, args));
          return null;
        };
      }
    };
  }

  private static Handler read(
      boolean optional, MethodHandle call, KeyFunction key, CacheEngine<Object, Object> engine) {
    return args -> {
      Object k = key.apply(args, null);
      Object value = engine.getIfPresent(k);
      if (value == null) {
        Loading<Object> loading = engine.startLoad(k);
        try {
          if (loading.isLeader()) {
            Object loaded = invoke(call, args);
            value = loading.fill(optional ? ((Optional<?>) loaded).orElse(null) : loaded);
          } else {
            value = loading.join();
          }
        } catch (Throwable e) {
          loading.failed(e);
          throw e;
        }
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
  @FunctionalInterface
  private interface KeyFunction {
    Object apply(Object[] args, Object result) throws Throwable;
  }

  private static KeyFunction keyFunction(KeyPlan key) {
    if (key.parts().isEmpty()) {
      return (args, result) -> SingleKey.INSTANCE;
    }
    List<KeyFunction> parts = new ArrayList<>();
    for (KeyPart part : key.parts()) {
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

  private static KeyFunction partFunction(KeyPart part) {
    int parameter = part.parameter();
    List<MethodHandle> accessors = new ArrayList<>();
    for (MemberRef member : part.path()) {
      accessors.add(accessor(((ReflectMember) member).member()));
    }
    boolean array = part.type().kind() == TypeRef.Kind.ARRAY;
    return (args, result) -> {
      Object value = parameter == KeyPart.RESULT ? result : args[parameter];
      for (MethodHandle accessor : accessors) {
        value = (Object) accessor.invokeExact(value);
      }
      return array ? ArrayKey.of(value) : value;
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
