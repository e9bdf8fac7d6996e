package dev.cachalot.reflect;

import dev.cachalot.internal.Types;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the type variables of a supertype as a subtype binds them, as javac's {@code
 * Types.asMemberOf} does: in {@code interface ProductDao extends Base<Product, Long>}, the {@code T
 * find(I id)} of {@code Base<T, I>} reads as {@code Product find(Long id)}. Immutable.
 */
final class TypeResolver {

  private final Map<TypeVariable<?>, Type> bindings;

  private TypeResolver(Map<TypeVariable<?>, Type> bindings) {
    this.bindings = bindings;
  }

  /** The bindings {@code type} (a class or parameterized type) gives its supertypes' variables. */
  static TypeResolver of(Type type) {
    Map<TypeVariable<?>, Type> bindings = new HashMap<>();
    bind(type, bindings, new HashSet<>());
    return new TypeResolver(bindings);
  }

  private static void bind(Type type, Map<TypeVariable<?>, Type> bindings, Set<Type> visited) {
    if (!visited.add(type)) {
      return;
    }
    Class<?> raw = TypeNames.erasure(type);
    if (type instanceof ParameterizedType parameterized) {
      TypeVariable<?>[] variables = raw.getTypeParameters();
      Type[] arguments = parameterized.getActualTypeArguments();
      TypeResolver outer = new TypeResolver(new HashMap<>(bindings));
      for (int i = 0; i < variables.length && i < arguments.length; i++) {
        bindings.put(variables[i], outer.resolve(arguments[i]));
      }
    }
    for (Type parent : raw.getGenericInterfaces()) {
      bind(parent, bindings, visited);
    }
    if (raw.getGenericSuperclass() != null) {
      bind(raw.getGenericSuperclass(), bindings, visited);
    }
  }

  /** {@code type} with every bound variable replaced by what it is bound to. */
  Type resolve(Type type) {
    if (type instanceof TypeVariable<?> variable) {
      Type bound = bindings.get(variable);
      return bound == null ? variable : bound;
    }
    if (type instanceof ParameterizedType parameterized) {
      Type[] arguments = parameterized.getActualTypeArguments();
      Type[] resolved = new Type[arguments.length];
      boolean changed = false;
      for (int i = 0; i < arguments.length; i++) {
        resolved[i] = resolve(arguments[i]);
        changed |= resolved[i] != arguments[i];
      }
      return changed
          ? Types.parameterized((Class<?>) parameterized.getRawType(), resolved)
          : parameterized;
    }
    if (type instanceof GenericArrayType array) {
      Type component = resolve(array.getGenericComponentType());
      if (component instanceof Class<?> raw) {
        return raw.arrayType();
      }
      return component == array.getGenericComponentType()
          ? array
          : (GenericArrayType) () -> component;
    }
    return type;
  }
}
