package dev.cachalot.rules.read;

import dev.cachalot.rules.element.MemberRef;
import dev.cachalot.rules.element.TypeRef;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a step of a key path finds its property on a type: a record component of that name, else a
 * getter {@code getName()} (or {@code isName()} returning a boolean), else a field of that name;
 * each only if the generated decorator, in the DAO's package, may use it (public, or not private
 * and in the same package).
 */
final class PropertyRules {

  private PropertyRules() {}

  /** The accessor that the key path step {@code name} means on {@code owner}, or null. */
  static MemberRef find(TypeRef owner, String name, String fromPackage) {
    MemberRef component = member(owner, MemberRef.Kind.RECORD_COMPONENT, name, fromPackage);
    if (component != null) {
      return component;
    }
    MemberRef getter = member(owner, MemberRef.Kind.METHOD, "get" + capitalize(name), fromPackage);
    if (getter != null && !getter.name().equals("getClass")) {
      return getter;
    }
    MemberRef isGetter = member(owner, MemberRef.Kind.METHOD, "is" + capitalize(name), fromPackage);
    if (isGetter != null && returnsBoolean(isGetter)) {
      return isGetter;
    }
    return member(owner, MemberRef.Kind.FIELD, name, fromPackage);
  }

  /** The names a key path may use on {@code owner}, sorted, for messages. */
  static Set<String> names(TypeRef owner, String fromPackage) {
    Set<String> names = new TreeSet<>();
    for (MemberRef member : owner.properties()) {
      if (!accessible(member, fromPackage)) {
        continue;
      }
      switch (member.kind()) {
        case RECORD_COMPONENT, FIELD -> names.add(member.name());
        case METHOD -> {
          String property = propertyOfGetter(member.name(), returnsBoolean(member));
          if (property != null) {
            names.add(property);
          }
        }
      }
    }
    return names;
  }

  /**
   * The property a no-argument method exposes to key paths, or null: {@code getId} and {@code
   * isActive} (when boolean) expose {@code id} and {@code active}.
   */
  static String propertyOfGetter(String methodName, boolean returnsBoolean) {
    if (methodName.startsWith("get") && methodName.length() > 3 && !methodName.equals("getClass")) {
      return decapitalize(methodName.substring(3));
    }
    if (returnsBoolean && methodName.startsWith("is") && methodName.length() > 2) {
      return decapitalize(methodName.substring(2));
    }
    return null;
  }

  /** Public, or not private and in the decorator's package. */
  static boolean accessible(MemberRef member, String fromPackage) {
    return member.isPublic() || (!member.isPrivate() && member.packageName().equals(fromPackage));
  }

  private static MemberRef member(
      TypeRef owner, MemberRef.Kind kind, String name, String fromPackage) {
    for (MemberRef member : owner.properties()) {
      if (member.kind() == kind && member.name().equals(name) && accessible(member, fromPackage)) {
        return member;
      }
    }
    return null;
  }

  private static boolean returnsBoolean(MemberRef member) {
    return member.type().boxed().erasureName().equals("java.lang.Boolean");
  }

  static String capitalize(String name) {
    return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
  }

  private static String decapitalize(String name) {
    return name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
  }
}
