package dev.cachalot.reflect;

import dev.cachalot.internal.BatchWrite;
import dev.cachalot.internal.CacheDeclaration;
import dev.cachalot.internal.CacheEngine;
import dev.cachalot.internal.DecoratorContext;
import dev.cachalot.internal.InvalidationTarget;
import dev.cachalot.rules.element.DaoMethod;
import dev.cachalot.rules.element.TypeRef;
import dev.cachalot.rules.plan.CachePlan;
import dev.cachalot.rules.plan.DaoPlan;
import dev.cachalot.rules.plan.Setting;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The handlers of one run-time decorator instance, one per method of the plan in its order: binds
 * the plan to the engines its context hands out and to the delegate. The run-time class holds each
 * handler in a field of its own and calls it from the method it decorates.
 */
final class Dispatcher {

  private Dispatcher() {}

  /** The handlers of the methods of {@code plan}, in order. */
  static Object[] handlers(DaoPlan plan, Object delegate, DecoratorContext caches) {
    Map<String, CacheEngine<Object, Object>> engines = new HashMap<>();
    for (CachePlan<TypeRef> cache : plan.caches()) {
      engines.put(
          cache.name(), engine(caches, cache, plan.batchMethods().get(cache.name()), delegate));
    }
    Map<String, InvalidationTarget> targets = new HashMap<>();
    for (String cache : plan.invalidatedOnly()) {
      targets.put(cache, caches.invalidationTarget(cache));
    }
    Object[] handlers = new Object[plan.methods().size()];
    for (int i = 0; i < handlers.length; i++) {
      handlers[i] = MethodHandlers.forArity(plan.methods().get(i), delegate, engines, targets);
    }
    return handlers;
  }

  /** The engine of {@code cache}, declared as the generated constructor declares it. */
  private static CacheEngine<Object, Object> engine(
      DecoratorContext caches, CachePlan<TypeRef> cache, DaoMethod batch, Object delegate) {
    Type[] keyTypes = new Type[cache.keyParts().size()];
    for (int i = 0; i < keyTypes.length; i++) {
      keyTypes[i] = TypeNames.box(TypeNames.erasure(type(cache.keyParts().get(i))));
    }
    CacheDeclaration.Builder<Object, Object> declaration =
        CacheDeclaration.named(cache.name())
            .keyType(keyTypes)
            .valueType(TypeNames.canonical(type(cache.valueType())));
    Duration ttl = (Duration) cache.given().get(Setting.TTL);
    if (ttl != null) {
      declaration.ttl(ttl);
    } else if (cache.defaultTtl() != null) {
      declaration.defaultTtl(cache.defaultTtl());
    }
    if (cache.negativeTtl() != null) {
      declaration.negativeTtl(cache.negativeTtl());
    }
    Number flushMillis = cache.count(Setting.FLUSH_MILLIS);
    if (flushMillis != null) {
      declaration.flushInterval(Duration.ofMillis(flushMillis.longValue()));
    }
    Number maxBatch = cache.count(Setting.MAX_BATCH);
    if (maxBatch != null) {
      declaration.maxBatch(maxBatch.intValue());
    }
    Number capacity = cache.count(Setting.CAPACITY);
    if (capacity != null) {
      declaration.capacity(capacity.intValue());
    }
    if (!cache.batchMethod().isEmpty()) {
      declaration.batchMethod(cache.batchMethod());
    }
    CacheDeclaration<Object, Object> declared = declaration.build();
    return switch (cache.strategy()) {
      case CACHE_ASIDE -> caches.cacheAside(declared);
      case WRITE_THROUGH -> caches.writeThrough(declared);
      case WRITE_BEHIND -> {
        if (batch == null) {
          yield caches.writeBehind(declared);
        }
        MethodHandle call = MethodHandlers.bind(((ReflectMethod) batch).method(), delegate);
        BatchWrite<Object> write =
            values -> MethodHandlers.invokeAsException(call, new Object[] {values});
        yield caches.writeBehind(declared, write);
      }
    };
  }

  private static Type type(TypeRef type) {
    return ((ReflectTypeRef) type).type();
  }
}
