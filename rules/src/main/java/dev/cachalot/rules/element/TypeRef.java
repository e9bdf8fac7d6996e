package dev.cachalot.rules.element;

import java.util.List;

/** A type as a DAO signature uses it. */
public interface TypeRef {

  /** What kind of type it is. */
  enum Kind {
    VOID,
    PRIMITIVE,
    DECLARED,
    ARRAY,
    TYPE_VARIABLE,
    WILDCARD,
    /** A type that did not resolve (compile time only). */
    ERROR,
    OTHER
  }

  Kind kind();

  /**
   * The type spelled as javac spells it in messages, with packages and type arguments: {@code
   * java.util.List<com.acme.Product>}, {@code long}.
   */
  @Override
  String toString();

  /** The wrapper of a primitive type; any other type itself. */
  TypeRef boxed();

  /** Whether both denote the same type, type arguments included. */
  boolean isSameType(TypeRef other);

  /**
   * Whether a value of this type can be passed where {@code target} is expected (assignment
   * conversion, boxing excluded).
   */
  boolean isAssignableTo(TypeRef target);

  /**
   * The qualified name of the erasure: {@code java.util.List} for {@code List<Product>}, {@code
   * long}, {@code int[]}; for a type variable or wildcard that of its bound.
   */
  String erasureName();

  /** The simple name of the erasure, for messages: {@code Product}, {@code List}. */
  String simpleName();

  /** The type arguments of a declared type, in order; empty for any other type. */
  List<TypeRef> typeArguments();

  /**
   * The upper bound of a type variable or a wildcard ({@code Object} when a wildcard has none); any
   * other type itself.
   */
  TypeRef upperBound();

  /** The {@code super} bound of a wildcard, or null. */
  TypeRef lowerBound();

  /** The component type of an array type, or null. */
  TypeRef componentType();

  /**
   * The members of a declared type that a key path may step through: record component accessors,
   * no-argument instance methods that return a value, and instance fields; whether the generated
   * decorator may call them is for the rules to decide from their modifiers. Empty for any other
   * type.
   */
  List<MemberRef> properties();

  /**
   * Whether the class of this declared type overrides {@code equals} (itself or a superclass other
   * than {@code Object}), or is a record, an enum or an interface, so that two equal keys are equal
   * objects; true for other kinds.
   */
  boolean hasValueEquality();
}
