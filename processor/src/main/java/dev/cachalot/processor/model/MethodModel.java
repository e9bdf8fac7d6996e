package dev.cachalot.processor.model;

import dev.cachalot.rules.Role;
import dev.cachalot.rules.Strategy;
import dev.cachalot.rules.WriteResult;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;

/**
 * A method of a decorated interface, as the writer needs it.
 *
 * @param element the method
 * @param type the method's type as a member of the decorated interface
 * @param role what the decorator does in it
 * @param strategy the strategy, or null for {@link Role#PASS_THROUGH}
 * @param cache the cache, or null for {@link Role#PASS_THROUGH}
 * @param key the key, or null for {@link Role#PASS_THROUGH}
 * @param valueParameter the name of the parameter a write stores, or null
 * @param valueType the value type (boxed, Optional unwrapped) for reads and writes, else null
 * @param optionalRead whether a read returns {@code Optional<V>}
 * @param writeResult what a write returns
 * @param invalidations the {@code @Invalidate}s, run after the delegate returned normally
 */
public record MethodModel(
    ExecutableElement element,
    ExecutableType type,
    Role role,
    Strategy strategy,
    String cache,
    KeyModel key,
    String valueParameter,
    TypeMirror valueType,
    boolean optionalRead,
    WriteResult writeResult,
    List<InvalidationModel> invalidations) {

  public MethodModel {
    invalidations = List.copyOf(invalidations);
  }

  /** The method's simple name. */
  public String name() {
    return element.getSimpleName().toString();
  }
}
