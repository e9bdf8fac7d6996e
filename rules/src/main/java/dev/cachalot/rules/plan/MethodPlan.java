package dev.cachalot.rules.plan;

import dev.cachalot.annotations.Strategy;
import dev.cachalot.rules.element.DaoMethod;
import dev.cachalot.rules.element.TypeRef;
import java.util.List;

/**
 * What the decorator does in one method of the interface.
 *
 * @param method the method
 * @param role what the decorator does in it
 * @param strategy the strategy, or null for {@link Role#PASS_THROUGH}
 * @param cache the cache, or null for {@link Role#PASS_THROUGH}
 * @param key the key, or null for {@link Role#PASS_THROUGH}
 * @param valueParameter the index of the parameter a write stores, or -1
 * @param valueType the value type (boxed, Optional unwrapped) of a read or write, else null
 * @param optionalRead whether a read returns {@code Optional<V>}
 * @param writeResult what a write returns
 * @param invalidations the {@code @Invalidate}s, run after the delegate returned normally
 */
public record MethodPlan(
    DaoMethod method,
    Role role,
    Strategy strategy,
    String cache,
    KeyPlan key,
    int valueParameter,
    TypeRef valueType,
    boolean optionalRead,
    WriteResult writeResult,
    List<InvalidationPlan> invalidations) {

  public MethodPlan {
    invalidations = List.copyOf(invalidations);
  }

  /** A method delegated as it is, then invalidating. */
  public static MethodPlan passThrough(DaoMethod method, List<InvalidationPlan> invalidations) {
    return new MethodPlan(
        method,
        Role.PASS_THROUGH,
        null,
        null,
        null,
        -1,
        null,
        false,
        WriteResult.VOID,
        invalidations);
  }

  /** The method's simple name. */
  public String name() {
    return method.name();
  }
}
