package dev.cachalot.rules.read;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The syntax of {@code key} attributes: comma-separated parts, each a parameter name (or {@code
 * result}) followed by property names, as in {@code "tenant, product.id"}.
 */
public final class KeyExpression {

  /** The name that denotes the value a write-through write returns. */
  public static final String RESULT = "result";

  private static final Pattern PATH =
      Pattern.compile(
          "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
              + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

  private KeyExpression() {}

  /**
   * The parts of {@code expression}, each as its steps (the root first), or null when it is not a
   * key expression (report {@link dev.cachalot.rules.diagnostic.Message#MALFORMED_KEY}).
   */
  public static List<List<String>> parse(String expression) {
    List<List<String>> parts = new ArrayList<>();
    for (String rawPart : expression.split(",", -1)) {
      String part = rawPart.strip();
      if (!PATH.matcher(part).matches()) {
        return null;
      }
      parts.add(List.of(part.split("\\.")));
    }
    return parts;
  }

  /**
   * The hint appended to {@link dev.cachalot.rules.diagnostic.Message#KEY_UNKNOWN_PARAMETER} for a
   * root that is not a parameter.
   */
  public static String unknownRootHint(String root) {
    return root.equals(RESULT)
        ? "; result names the returned value only in a write-through write that returns the value"
            + " type"
        : "";
  }
}
