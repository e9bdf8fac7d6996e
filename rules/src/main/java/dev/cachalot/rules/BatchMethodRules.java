package dev.cachalot.rules;

import java.util.Set;

/**
 * The rules for a write-behind cache's {@code batchMethod}: a method of the interface that names
 * it, taking exactly one {@code Collection}, {@code List} or {@code Iterable} that a {@code
 * List<V>} can be passed to.
 */
public final class BatchMethodRules {

  /** The qualified names of the parameter types a batch method may take. */
  public static final Set<String> PARAMETER_TYPES =
      Set.of("java.util.List", "java.util.Collection", "java.lang.Iterable");

  private BatchMethodRules() {}

  /** Reports that interface {@code dao} has no method {@code name}. */
  public static <S> void reportMissing(
      Problems<S> problems, S site, String name, String dao, String valueType) {
    problems.report(site, Message.BATCH_METHOD_MISSING, name, dao, name, name, valueType, dao);
  }

  /** Reports that {@code method}, named by {@code name}, does not take a collection of values. */
  public static <S> void reportWrongParameters(
      Problems<S> problems, S site, String name, String method, String valueType, String cache) {
    problems.report(
        site,
        Message.BATCH_METHOD_WRONG_PARAMETERS,
        name,
        method,
        valueType,
        cache,
        name,
        valueType);
  }
}
