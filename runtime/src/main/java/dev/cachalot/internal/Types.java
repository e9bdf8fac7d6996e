package dev.cachalot.internal;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Objects;

/**
 * Builds the {@link Type} of a generic value type, such as {@code List<Product>}, which generated
 * decorators pass in their {@link CacheDeclaration} so that stores that encode values can decode
 * them. Equal to the JDK's own {@link ParameterizedType} of the same type.
 */
public final class Types {

  private Types() {}

  /**
   * Returns the type {@code raw<arguments...>}, for example {@code parameterized(List.class,
   * Product.class)}.
   */
  public static ParameterizedType parameterized(Class<?> raw, Type... arguments) {
    if (raw.getTypeParameters().length != arguments.length) {
      throw new IllegalArgumentException(
          raw.getName()
              + " takes "
              + raw.getTypeParameters().length
              + " type arguments, not "
              + arguments.length);
    }
    return new ParameterizedTypeImpl(raw, arguments.clone());
  }

  private static final class ParameterizedTypeImpl implements ParameterizedType {
    private final Class<?> raw;
    private final Type[] arguments;

    ParameterizedTypeImpl(Class<?> raw, Type[] arguments) {
      this.raw = raw;
      this.arguments = arguments;
    }

    @Override
    public Type[] getActualTypeArguments() {
      return arguments.clone();
    }

    @Override
    public Type getRawType() {
      return raw;
    }

    @Override
    public Type getOwnerType() {
      return raw.getDeclaringClass();
    }

    /**
     * Equal to any {@link ParameterizedType} of the same raw type, owner and arguments, as the
     * JDK's own.
     */
    @Override
    public boolean equals(Object other) {
      return other instanceof ParameterizedType that
          && raw.equals(that.getRawType())
          && Objects.equals(getOwnerType(), that.getOwnerType())
          && Arrays.equals(arguments, that.getActualTypeArguments());
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(arguments) ^ Objects.hashCode(getOwnerType()) ^ raw.hashCode();
    }

    @Override
    public String toString() {
      StringBuilder name = new StringBuilder(raw.getTypeName()).append('<');
      for (int i = 0; i < arguments.length; i++) {
        name.append(i == 0 ? "" : ", ").append(arguments[i].getTypeName());
      }
      return name.append('>').toString();
    }
  }
}
