package dev.cachalot.rules.plan;

import java.util.List;

/**
 * The key of a method: its parts, in order; none for a method without parameters, whose cache holds
 * a single entry.
 */
public record KeyPlan(List<KeyPart> parts) {

  public KeyPlan {
    parts = List.copyOf(parts);
  }

  /** Whether the key has several parts. */
  public boolean isComposite() {
    return parts.size() > 1;
  }

  /** Whether the key is computed from the value a write returns. */
  public boolean usesResult() {
    return parts.stream().anyMatch(part -> part.parameter() == KeyPart.RESULT);
  }

  /** Whether the key is one whole parameter, as written. */
  public boolean isOneParameter() {
    return parts.size() == 1 && parts.get(0).isWholeParameter();
  }
}
