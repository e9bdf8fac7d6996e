package dev.cachalot.rules.element;

/** A member of a type that a key path may use: a record component, a getter or a field. */
public interface MemberRef {

  /** What kind of member it is. */
  enum Kind {
    RECORD_COMPONENT,
    METHOD,
    FIELD
  }

  Kind kind();

  /** The name of the component, method or field. */
  String name();

  /** Its type as a member of the type it was found on (a method's return type). */
  TypeRef type();

  boolean isPublic();

  boolean isPrivate();

  /** The package of the type that declares it. */
  String packageName();
}
