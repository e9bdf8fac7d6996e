package dev.cachalot.reflect;

import dev.cachalot.rules.element.MemberRef;
import dev.cachalot.rules.element.TypeRef;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A reflected type as the port sees it. Assignability is judged on erasures, which is all a
 * run-time check of a batch method's parameter needs.
 */
final class ReflectTypeRef implements TypeRef {

  private final Type type;

  ReflectTypeRef(Type type) {
    this.type = type;
  }

  /** The reflected type, for the builder. */
  Type type() {
    return type;
  }

  @Override
  public Kind kind() {
    if (type instanceof Class<?> raw) {
      if (raw == void.class) {
        return Kind.VOID;
      }
      if (raw.isPrimitive()) {
        return Kind.PRIMITIVE;
      }
      return raw.isArray() ? Kind.ARRAY : Kind.DECLARED;
    }
    if (type instanceof ParameterizedType) {
      return Kind.DECLARED;
    }
    if (type instanceof GenericArrayType) {
      return Kind.ARRAY;
    }
    if (type instanceof TypeVariable<?>) {
      return Kind.TYPE_VARIABLE;
    }
    if (type instanceof WildcardType) {
      return Kind.WILDCARD;
    }
    return Kind.OTHER;
  }

  @Override
  public TypeRef boxed() {
    return type instanceof Class<?> raw && raw.isPrimitive()
        ? new ReflectTypeRef(TypeNames.box(raw))
        : this;
  }

  @Override
  public boolean isSameType(TypeRef other) {
    return type.equals(((ReflectTypeRef) other).type);
  }

  @Override
  public boolean isAssignableTo(TypeRef target) {
    Class<?> from = TypeNames.erasure(type);
    Class<?> to = TypeNames.erasure(((ReflectTypeRef) target).type);
    return (from.isPrimitive() || to.isPrimitive()) ? from == to : to.isAssignableFrom(from);
  }

  @Override
  public String erasureName() {
    return TypeNames.of(TypeNames.erasure(type));
  }

  @Override
  public String simpleName() {
    return TypeNames.erasure(type).getSimpleName();
  }

  @Override
  public List<TypeRef> typeArguments() {
    List<TypeRef> arguments = new ArrayList<>();
    if (type instanceof ParameterizedType parameterized) {
      for (Type argument : parameterized.getActualTypeArguments()) {
        arguments.add(new ReflectTypeRef(argument));
      }
    }
    return arguments;
  }

  @Override
  public TypeRef upperBound() {
    Type current = type;
    while (true) {
      if (current instanceof TypeVariable<?> variable) {
        current = variable.getBounds()[0];
      } else if (current instanceof WildcardType wildcard) {
        current = wildcard.getUpperBounds()[0];
      } else {
        return current == type ? this : new ReflectTypeRef(current);
      }
    }
  }

  @Override
  public TypeRef lowerBound() {
    if (type instanceof WildcardType wildcard && wildcard.getLowerBounds().length > 0) {
      return new ReflectTypeRef(wildcard.getLowerBounds()[0]);
    }
    return null;
  }

  @Override
  public TypeRef componentType() {
    if (type instanceof Class<?> raw && raw.isArray()) {
      return new ReflectTypeRef(raw.getComponentType());
    }
    if (type instanceof GenericArrayType array) {
      return new ReflectTypeRef(array.getGenericComponentType());
    }
    return null;
  }

  @Override
  public List<MemberRef> properties() {
    List<MemberRef> properties = new ArrayList<>();
    if (kind() != Kind.DECLARED) {
      return properties;
    }
    Class<?> owner = TypeNames.erasure(type);
    TypeResolver resolver = TypeResolver.of(type);
    if (owner.isRecord()) {
      for (RecordComponent component : owner.getRecordComponents()) {
        Method accessor = component.getAccessor();
        properties.add(
            new ReflectMember(
                MemberRef.Kind.RECORD_COMPONENT,
                accessor,
                resolver.resolve(accessor.getGenericReturnType())));
      }
    }
    Set<String> seen = new HashSet<>();
    List<Method> methods = new ArrayList<>(List.of(owner.getMethods()));
    for (Class<?> current = owner; current != null; current = current.getSuperclass()) {
      methods.addAll(List.of(current.getDeclaredMethods()));
    }
    for (Method method : methods) {
      if (method.getParameterCount() == 0
          && method.getTypeParameters().length == 0
          && method.getReturnType() != void.class
          && !Modifier.isStatic(method.getModifiers())
          && !method.isSynthetic()
          && !method.isBridge()
          && seen.add(method.getName())) {
        properties.add(
            new ReflectMember(
                MemberRef.Kind.METHOD, method, resolver.resolve(method.getGenericReturnType())));
      }
    }
    for (Class<?> current = owner; current != null; current = current.getSuperclass()) {
      for (Field field : current.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
          properties.add(
              new ReflectMember(
                  MemberRef.Kind.FIELD, field, resolver.resolve(field.getGenericType())));
        }
      }
    }
    return properties;
  }

  @Override
  public boolean hasValueEquality() {
    Class<?> raw = TypeNames.erasure(type);
    if (raw.isArray()) {
      return false;
    }
    if (raw.isPrimitive() || raw.isRecord() || raw.isEnum() || raw.isInterface()) {
      return true;
    }
    for (Class<?> current = raw; current != null && current != Object.class; ) {
      try {
        return current.getDeclaredMethod("equals", Object.class) != null;
      } catch (NoSuchMethodException notHere) {
        current = current.getSuperclass();
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ReflectTypeRef that && type.equals(that.type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public String toString() {
    return TypeNames.of(type);
  }
}
