package dev.cachalot.rules;

import java.util.Locale;

/**
 * How a step of a key path finds its property: a record component of that name, else a getter
 * {@code getName()} (or {@code isName()} returning a boolean), else a public field of that name.
 * Each builder answers the lookups for its own type system.
 */
public final class PropertyRules {

  private PropertyRules() {}

  /**
   * The members of one type, as a key path may use them.
   *
   * @param <A> how the builder represents an accessor
   */
  public interface Members<A> {
    /** The accessor of the record component {@code name}, or null (also when not a record). */
    A recordComponent(String name);

    /** An accessible no-argument instance method {@code name} that returns a value, or null. */
    A getter(String name);

    /** Whether {@code getter} returns {@code boolean} or {@code Boolean}. */
    boolean returnsBoolean(A getter);

    /** An accessible instance field {@code name}, or null. */
    A field(String name);
  }

  /** The accessor that the key path step {@code name} means, or null when there is none. */
  public static <A> A find(Members<A> members, String name) {
    A component = members.recordComponent(name);
    if (component != null) {
      return component;
    }
    A getter = members.getter("get" + capitalize(name));
    if (getter != null) {
      return getter;
    }
    A isGetter = members.getter("is" + capitalize(name));
    if (isGetter != null && members.returnsBoolean(isGetter)) {
      return isGetter;
    }
    return members.field(name);
  }

  /**
   * The property a no-argument method exposes to key paths, or null: {@code getId} and {@code
   * isActive} (when boolean) expose {@code id} and {@code active}.
   */
  public static String propertyOfGetter(String methodName, boolean returnsBoolean) {
    if (methodName.startsWith("get") && methodName.length() > 3 && !methodName.equals("getClass")) {
      return decapitalize(methodName.substring(3));
    }
    if (returnsBoolean && methodName.startsWith("is") && methodName.length() > 2) {
      return decapitalize(methodName.substring(2));
    }
    return null;
  }

  /** Reports {@link Message#KEY_UNKNOWN_PROPERTY}: the step, what would define it, what exists. */
  public static <S> void reportUnknown(
      Problems<S> problems,
      S site,
      String expression,
      String owner,
      String step,
      java.util.Collection<String> known) {
    String capitalized = capitalize(step);
    problems.report(
        site,
        Message.KEY_UNKNOWN_PROPERTY,
        expression,
        owner,
        step,
        step,
        "get" + capitalized,
        capitalized,
        step,
        known.isEmpty() ? "(it has none)" : String.join(", ", known));
  }

  private static String capitalize(String name) {
    return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
  }

  private static String decapitalize(String name) {
    return name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
  }
}
