package dev.cachalot.processor.model;

import java.util.List;

/**
 * The key of a method: its parts, in order.
 *
 * @param parts at least one part
 * @param usesResult whether the key is computed from the value a write returns
 */
public record KeyModel(List<KeyPart> parts, boolean usesResult) {

  public KeyModel {
    parts = List.copyOf(parts);
  }

  /** Whether the key has several parts (a {@code CompositeKey}). */
  public boolean isComposite() {
    return parts.size() > 1;
  }

  /** Whether {@code parameter} is a whole part of the key. */
  public boolean hasWholeParameter(String parameter) {
    return parts.stream().anyMatch(p -> p.isWholeParameter() && p.root().equals(parameter));
  }
}
