package dev.cachalot.rules.read;

import dev.cachalot.annotations.Strategy;
import dev.cachalot.rules.diagnostic.Message;
import dev.cachalot.rules.diagnostic.Problems;
import dev.cachalot.rules.plan.Role;
import dev.cachalot.rules.plan.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides what a cached method does from its shape, the table of DESIGN.md in code:
 *
 * <ul>
 *   <li>a {@code @CacheValue} parameter, or a key over {@code result}, makes a <b>write</b>;
 *   <li>a method that returns the type of its one parameter outside the key is a write that returns
 *       the value as stored ({@code Session normalize(Session session)});
 *   <li>a method that returns a flag or a count ({@code boolean}, {@code int}...) and has a
 *       parameter outside its key, or derives its key from a parameter's property, is ambiguous: it
 *       looks like a write, and cached as a read it would store the count and never write;
 *   <li>any other method that returns a value is a <b>read</b>; one without parameters reads the
 *       single entry of its cache;
 *   <li>a {@code void} method with the key plus exactly one other parameter is a write of that
 *       parameter; with only key parts it is a <b>delete</b>; with several candidates for the value
 *       it is ambiguous.
 * </ul>
 *
 * The reader calls {@link #infer} on the port's view of a method, so the compile-time and the
 * run-time decorators cannot disagree.
 */
public final class RoleRules {

  private RoleRules() {}

  /** A parameter as the rules see it. */
  public record Parameter(String name, boolean key, boolean cacheValue) {}

  /** A part of an explicit key: its root, and whether it is the whole root. */
  public record KeyPart(String root, boolean whole) {}

  /** What the rules need to know of a method. */
  public interface Shape {
    /** {@code ProductDao.findById(long)}. */
    String describe();

    /** The method's simple name. */
    String name();

    /** The parameters, in order. */
    List<Parameter> parameters();

    /** Whether it returns {@code void}. */
    boolean returnsVoid();

    /** The return type, for messages. */
    String returnTypeName();

    /** Whether the boxed return type is the boxed type of {@code parameter}. */
    boolean returnsTypeOf(String parameter);

    /** The boxed type of {@code parameter}, for messages. */
    String typeNameOf(String parameter);

    /**
     * Whether it returns a {@code boolean} or a number ({@code int}, {@code long}..., boxed or
     * not): what a write returns as a flag or a count.
     */
    boolean returnsStatus();
  }

  /** Where a problem of a method is reported: on the method, or on its {@code key} value. */
  public enum Where {
    METHOD,
    KEY
  }

  /**
   * What a method does.
   *
   * @param role read, write or delete
   * @param valueParameter the parameter a write stores, or null (a read, a delete, or a write that
   *     stores what it returns)
   * @param keyParameters the parameters that are the whole key, in order, or null when the key is
   *     the explicit expression
   * @param writeResult what a write returns
   */
  public record Inference(
      Role role, String valueParameter, List<String> keyParameters, WriteResult writeResult) {}

  /**
   * Checks the markers of a method before its key expression is resolved: one {@code @CacheValue}
   * at most, and the key given either by {@code key} or by {@code @Key}. Returns false after
   * reporting.
   */
  public static boolean checkMarkers(Shape shape, String keyExpression, Problems<Where> problems) {
    List<String> values = named(shape, true);
    if (values.size() > 1) {
      problems.report(
          Where.METHOD, Message.TWO_CACHE_VALUES, shape.describe(), String.join(" and ", values));
      return false;
    }
    List<String> keys = named(shape, false);
    if (!keyExpression.isEmpty() && !keys.isEmpty()) {
      problems.report(
          Where.KEY,
          Message.KEY_AND_KEY_PARAMETERS,
          shape.describe(),
          keyExpression,
          String.join(", ", keys));
      return false;
    }
    return true;
  }

  /**
   * Infers the role of a method of {@code strategy} in {@code cache}. {@code explicitKey} is the
   * resolved {@code key} expression (null when there is none), {@code usesResult} whether it is
   * over {@code result}. Returns null after reporting.
   */
  public static Inference infer(
      Strategy strategy,
      String cache,
      Shape shape,
      String keyExpression,
      List<KeyPart> explicitKey,
      boolean usesResult,
      Problems<Where> problems) {
    List<String> parameters = new ArrayList<>();
    for (Parameter parameter : shape.parameters()) {
      parameters.add(parameter.name());
    }
    List<String> values = named(shape, true);
    List<String> keyParameters = explicitKey == null ? named(shape, false) : null;
    if (keyParameters != null && keyParameters.isEmpty()) {
      keyParameters = null;
    }
    boolean hasKey = explicitKey != null || keyParameters != null;
    List<String> outsideKey = new ArrayList<>();
    for (String parameter : parameters) {
      if (hasKey && !isWholeKeyPart(parameter, explicitKey, keyParameters)) {
        outsideKey.add(parameter);
      }
    }

    Role role;
    String valueParameter = null;
    if (!values.isEmpty()) {
      role = Role.WRITE;
      valueParameter = values.get(0);
      if (!hasKey) {
        keyParameters = new ArrayList<>(parameters);
        keyParameters.remove(valueParameter);
      }
    } else if (usesResult) {
      role = Role.WRITE;
    } else if (!shape.returnsVoid()
        && outsideKey.size() == 1
        && shape.returnsTypeOf(outsideKey.get(0))) {
      role = Role.WRITE;
      valueParameter = outsideKey.get(0);
    } else if (!shape.returnsVoid()) {
      List<String> derived = derivedFrom(explicitKey);
      if (shape.returnsStatus() && (!outsideKey.isEmpty() || !derived.isEmpty())) {
        // A flag or a count, with a parameter that is not the key: a write's shape. Cached as a
        // read, it would store the count under the key and never write (the issue of
        // "boolean insert(Event e)" taken for a read).
        List<String> candidates = new ArrayList<>(outsideKey);
        derived.stream().filter(root -> !candidates.contains(root)).forEach(candidates::add);
        problems.report(
            Where.METHOD,
            Message.AMBIGUOUS_WRITE,
            shape.describe(),
            shape.returnTypeName(),
            String.join(", ", candidates));
        return null;
      }
      role = Role.READ;
      if (!hasKey) {
        keyParameters = parameters;
      }
    } else {
      List<String> candidates =
          hasKey ? outsideKey : parameters.size() > 1 ? parameters : List.of();
      if (candidates.size() > 1) {
        problems.report(
            Where.METHOD, Message.AMBIGUOUS_VALUE, shape.describe(), String.join(", ", candidates));
        return null;
      }
      if (candidates.size() == 1) {
        role = Role.WRITE;
        valueParameter = candidates.get(0);
      } else {
        role = Role.DELETE;
        if (!hasKey) {
          keyParameters = parameters;
        }
      }
    }
    if (explicitKey == null && keyParameters == null) {
      keyParameters = List.of(); // no parameter: the cache holds a single entry
    }

    WriteResult writeResult = WriteResult.VOID;
    if (role == Role.WRITE && !shape.returnsVoid()) {
      writeResult =
          valueParameter == null || shape.returnsTypeOf(valueParameter)
              ? WriteResult.VALUE
              : WriteResult.OTHER;
    }
    if (role == Role.WRITE && strategy == Strategy.WRITE_BEHIND && !shape.returnsVoid()) {
      problems.report(
          Where.METHOD,
          Message.WRITE_BEHIND_RETURNS_VALUE,
          shape.describe(),
          shape.returnTypeName());
      return null;
    }
    if (usesResult) {
      if (strategy != Strategy.WRITE_THROUGH || role != Role.WRITE) {
        problems.report(
            Where.KEY,
            Message.KEY_RESULT_NOT_ALLOWED,
            keyExpression,
            shape.describe(),
            strategy != Strategy.WRITE_THROUGH
                ? "is @" + strategy.annotationType().getSimpleName()
                : "is a " + role.name().toLowerCase(Locale.ROOT));
        return null;
      }
      if (writeResult != WriteResult.VALUE) {
        problems.report(
            Where.KEY,
            Message.RESULT_NOT_VALUE_TYPE,
            keyExpression,
            shape.describe(),
            shape.returnTypeName(),
            cache,
            shape.typeNameOf(valueParameter));
        return null;
      }
    }
    return new Inference(
        role,
        valueParameter,
        keyParameters == null ? null : List.copyOf(keyParameters),
        writeResult);
  }

  /** The parameters that an explicit key reaches only through a property path. */
  private static List<String> derivedFrom(List<KeyPart> explicitKey) {
    List<String> roots = new ArrayList<>();
    if (explicitKey != null) {
      for (KeyPart part : explicitKey) {
        if (!part.whole() && !part.root().equals(KeyExpression.RESULT)) {
          roots.add(part.root());
        }
      }
    }
    return roots;
  }

  private static boolean isWholeKeyPart(
      String parameter, List<KeyPart> explicitKey, List<String> keyParameters) {
    if (explicitKey != null) {
      return explicitKey.stream().anyMatch(p -> p.whole() && p.root().equals(parameter));
    }
    return keyParameters.contains(parameter);
  }

  private static List<String> named(Shape shape, boolean cacheValue) {
    List<String> names = new ArrayList<>();
    for (Parameter parameter : shape.parameters()) {
      if (cacheValue ? parameter.cacheValue() : parameter.key()) {
        names.add(parameter.name());
      }
    }
    return names;
  }
}
