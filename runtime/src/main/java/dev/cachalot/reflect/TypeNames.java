package dev.cachalot.reflect;

import dev.cachalot.internal.Types;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the runtime names, erases and normalizes reflected types, the same way javac and the
 * processor's generated code do, so that messages read alike and the declarations of one cache by a
 * generated and a run-time decorator are equal.
 */
public final class TypeNames {

  private TypeNames() {}

  /**
   * A type as javac writes it in messages: {@code java.util.List<test.ProductDao.Product>}, with
   * nested classes joined by dots, not by the {@code $} of binary names.
   */
  public static String of(Type type) {
    if (type instanceof Class<?> raw) {
      if (raw.isArray()) {
        return of(raw.getComponentType()) + "[]";
      }
      return raw.getCanonicalName() != null ? raw.getCanonicalName() : raw.getName();
    }
    if (type instanceof ParameterizedType parameterized) {
      return of(parameterized.getRawType())
          + Arrays.stream(parameterized.getActualTypeArguments())
              .map(TypeNames::of)
              .collect(Collectors.joining(",", "<", ">"));
    }
    if (type instanceof GenericArrayType array) {
      return of(array.getGenericComponentType()) + "[]";
    }
    if (type instanceof WildcardType wildcard) {
      if (wildcard.getLowerBounds().length > 0) {
        return "? super " + of(wildcard.getLowerBounds()[0]);
      }
      Type upper = wildcard.getUpperBounds()[0];
      return upper == Object.class ? "?" : "? extends " + of(upper);
    }
    return type.getTypeName();
  }

  /**
   * The type as generated code writes it into a declaration: boxed, wildcards and type variables
   * replaced by their bounds, generic types as {@link Types#parameterized}.
   */
  static Type canonical(Type type) {
    if (type instanceof Class<?> raw) {
      return box(raw);
    }
    if (type instanceof ParameterizedType parameterized) {
      Type[] arguments = parameterized.getActualTypeArguments();
      Type[] canonical = new Type[arguments.length];
      for (int i = 0; i < arguments.length; i++) {
        canonical[i] = canonical(arguments[i]);
      }
      return Types.parameterized((Class<?>) parameterized.getRawType(), canonical);
    }
    if (type instanceof WildcardType wildcard) {
      return canonical(wildcard.getUpperBounds()[0]);
    }
    if (type instanceof TypeVariable<?> variable) {
      return canonical(variable.getBounds()[0]);
    }
    return erasure(type);
  }

  /** The class a type erases to. */
  static Class<?> erasure(Type type) {
    if (type instanceof Class<?> raw) {
      return raw;
    }
    if (type instanceof ParameterizedType parameterized) {
      return (Class<?>) parameterized.getRawType();
    }
    if (type instanceof GenericArrayType array) {
      return erasure(array.getGenericComponentType()).arrayType();
    }
    if (type instanceof WildcardType wildcard) {
      return erasure(wildcard.getUpperBounds()[0]);
    }
    if (type instanceof TypeVariable<?> variable) {
      return erasure(variable.getBounds()[0]);
    }
    return Object.class;
  }

  /** The wrapper of a primitive class; any other class itself. */
  static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    return switch (type.getName()) {
      case "int" -> Integer.class;
      case "long" -> Long.class;
      case "boolean" -> Boolean.class;
      case "double" -> Double.class;
      case "float" -> Float.class;
      case "short" -> Short.class;
      case "byte" -> Byte.class;
      case "char" -> Character.class;
      default -> Void.class;
    };
  }
}
