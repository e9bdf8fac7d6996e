package dev.cachalot.internal;

import java.util.Arrays;
import java.util.List;

/**
 * The key of a cache whose key has several parts, such as {@code key = "tenant, product.id"}. Two
 * composite keys are equal when they have equal parts in the same order, whichever decorator (or
 * module) made them.
 *
 * <p>Immutable and thread-safe.
 */
public final class CompositeKey {

  private final Object[] parts;
  private final int hash;

  private CompositeKey(Object[] parts) {
    for (int i = 0; i < parts.length; i++) {
      if (parts[i] == null) {
        throw new NullPointerException("part " + i + " of a composite cache key is null");
      }
    }
    this.parts = parts;
    this.hash = Arrays.hashCode(parts);
  }

  /** Returns the key of the parts {@code first} and {@code second}. */
  public static CompositeKey of(Object first, Object second) {
    return new CompositeKey(new Object[] {first, second});
  }

  /** Returns the key of the given parts, in order; at least two. */
  public static CompositeKey of(Object first, Object second, Object... more) {
    Object[] parts = new Object[2 + more.length];
    parts[0] = first;
    parts[1] = second;
    System.arraycopy(more, 0, parts, 2, more.length);
    return new CompositeKey(parts);
  }

  /** The number of parts. */
  public int size() {
    return parts.length;
  }

  /** The part at {@code index}, counting from zero. */
  public Object part(int index) {
    return parts[index];
  }

  /** The parts, in order, as an unmodifiable list. */
  public List<Object> parts() {
    return List.of(parts);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CompositeKey that
        && hash == that.hash
        && Arrays.equals(parts, that.parts);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Returns the parts joined as {@code [acme, 42]}. */
  @Override
  public String toString() {
    return Arrays.toString(parts);
  }

  /** Returns {@code key}; on the hit path, so no message is built unless it is null. */
  public static Object requireKey(String cache, Object key) {
    if (key == null) {
      throw new NullPointerException("cache '" + cache + "': the key is null");
    }
    return key;
  }
}
