package dev.cachalot.rules.plan;

import dev.cachalot.rules.element.MemberRef;
import dev.cachalot.rules.element.TypeRef;
import java.util.List;

/**
 * One part of a key: a parameter, or the value a write-through write returns, followed by zero or
 * more property accessors.
 *
 * @param parameter the index of the parameter, or {@link #RESULT}
 * @param root the name of the parameter, or {@code result}
 * @param path the accessors applied to the root, in order
 * @param type the type of the part (primitives stay primitive here)
 */
public record KeyPart(int parameter, String root, List<MemberRef> path, TypeRef type) {

  /** The {@link #parameter} of a part computed from the value a write returns. */
  public static final int RESULT = -1;

  public KeyPart {
    path = List.copyOf(path);
  }

  /** Whether the part is a whole parameter. */
  public boolean isWholeParameter() {
    return parameter != RESULT && path.isEmpty();
  }
}
