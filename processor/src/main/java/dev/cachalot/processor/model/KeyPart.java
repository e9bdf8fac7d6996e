package dev.cachalot.processor.model;

import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * One part of a key: a parameter (or {@code result}) followed by zero or more property accessors.
 *
 * @param root the parameter name, or {@code result}
 * @param path the accessors applied to the root, in order
 * @param type the type of the part (primitive types stay primitive here)
 */
public record KeyPart(String root, List<Accessor> path, TypeMirror type) {

  /** One step of a key path. */
  public record Accessor(String name, boolean field) {}

  public KeyPart {
    path = List.copyOf(path);
  }

  /** Whether the part is a whole parameter. */
  public boolean isWholeParameter() {
    return path.isEmpty();
  }
}
