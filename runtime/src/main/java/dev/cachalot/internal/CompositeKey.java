package dev.cachalot.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The key of a cache whose key has several parts, such as {@code key = "tenant, product.id"}. Two
 * composite keys are equal when they have equal parts in the same order, whichever class made them:
 * a generated decorator makes a key record of its own per cache (one object whose fields are the
 * parts, primitives unboxed), the run-time decorator and a decorator that only invalidates the
 * cache use {@link #of}; equality and {@code hashCode} are defined by the parts, so all of them
 * find each other's entries. An implementation compares its own class field by field and any other
 * by {@link #equalParts}, and hashes as {@link #hash} does.
 *
 * <p>Implementations are immutable and thread-safe; parts are never null.
 */
public interface CompositeKey {

  /** The number of parts. */
  int size();

  /** The part at {@code index}, counting from zero, boxed when primitive. */
  Object part(int index);

  /** The key of the parts {@code first} and {@code second}. */
  static CompositeKey of(Object first, Object second) {
    return new Parts(new Object[] {first, second});
  }

  /** The key of the given parts, in order; at least two. */
  static CompositeKey of(Object first, Object second, Object... more) {
    Object[] parts = new Object[2 + more.length];
    parts[0] = first;
    parts[1] = second;
    System.arraycopy(more, 0, parts, 2, more.length);
    return new Parts(parts);
  }

  /** Whether {@code other} is a composite key with parts equal to those of {@code key}. */
  static boolean equalParts(CompositeKey key, Object other) {
    if (!(other instanceof CompositeKey that) || key.size() != that.size()) {
      return false;
    }
    for (int i = 0; i < key.size(); i++) {
      if (!key.part(i).equals(that.part(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The hash of every composite key with these parts: {@code 31 * h + part.hashCode()} over the
   * parts from {@code h = 1}, as {@link Arrays#hashCode(Object[])} computes it (and a generated key
   * computes it from unboxed parts with {@code Long.hashCode} and the like).
   */
  static int hash(CompositeKey key) {
    int hash = 1;
    for (int i = 0; i < key.size(); i++) {
      hash = 31 * hash + key.part(i).hashCode();
    }
    return hash;
  }

  /** Returns {@code key}; on the hit path, so no message is built unless it is null. */
  static Object requireKey(String cache, Object key) {
    if (key == null) {
      throw new NullPointerException("cache '" + cache + "': the key is null");
    }
    return key;
  }

  /** A composite key of boxed parts in an array. */
  final class Parts implements CompositeKey {
    private final Object[] parts;
    private final int hash;

    private Parts(Object[] parts) {
      for (int i = 0; i < parts.length; i++) {
        Objects.requireNonNull(parts[i], () -> "a part of a composite cache key is null");
      }
      this.parts = parts;
      this.hash = Arrays.hashCode(parts);
    }

    @Override
    public int size() {
      return parts.length;
    }

    @Override
    public Object part(int index) {
      return parts[index];
    }

    /** The parts, in order, as an unmodifiable list. */
    public List<Object> parts() {
      return List.of(parts);
    }

    @Override
    public boolean equals(Object other) {
      if (other instanceof Parts that) {
        return hash == that.hash && Arrays.equals(parts, that.parts);
      }
      return CompositeKey.equalParts(this, other);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    /** The parts joined as {@code [acme, 42]}. */
    @Override
    public String toString() {
      return Arrays.toString(parts);
    }
  }
}
