package dev.cachalot.internal;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Objects;

/**
 * A key part that is an array ({@code findByIds(long... ids)}), compared by its elements rather
 * than by identity: two calls with equal arrays hit the same entry. The array is copied, so that a
 * caller that changes its array afterwards does not change the key.
 *
 * <p>Immutable and thread-safe.
 */
public final class ArrayKey {

  private final Object array;
  private final int hash;

  private ArrayKey(Object array) {
    this.array = array;
    this.hash = Arrays.deepHashCode(new Object[] {array});
  }

  /** The key of {@code array}, a copy of it; any array type, primitive elements included. */
  public static ArrayKey of(Object array) {
    Objects.requireNonNull(array, "an array key is null");
    if (!array.getClass().isArray()) {
      throw new IllegalArgumentException("not an array: " + array.getClass().getName());
    }
    int length = Array.getLength(array);
    Object copy = Array.newInstance(array.getClass().getComponentType(), length);
    System.arraycopy(array, 0, copy, 0, length);
    return new ArrayKey(copy);
  }

  /** The number of elements. */
  public int length() {
    return Array.getLength(array);
  }

  /**
   * A copy of the array, of the type it was made of ({@code long[]} for a key of a {@code long[]}):
   * the argument of a call made again from the key.
   */
  public Object toArray() {
    int length = Array.getLength(array);
    Object copy = Array.newInstance(array.getClass().getComponentType(), length);
    System.arraycopy(array, 0, copy, 0, length);
    return copy;
  }

  /** The element at {@code index}, boxed when primitive. */
  public Object element(int index) {
    return Array.get(array, index);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ArrayKey that
        && hash == that.hash
        && Arrays.deepEquals(new Object[] {array}, new Object[] {that.array});
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** The elements as {@code [1, 2, 3]}. */
  @Override
  public String toString() {
    String text = Arrays.deepToString(new Object[] {array});
    return text.substring(1, text.length() - 1);
  }
}
