package dev.cachalot;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/*
 * Design note: cached collections are unmodifiable copies.
 *
 * A cache hands the same value to every caller that hits. A List it keeps by reference is the
 * List its first caller got: a caller's add() would show up in every later read (the issue of a
 * cached List shared by reference). So a value declared as one of the collection interfaces (List,
 * Collection, Set, Map and their sorted and navigable forms) is copied into an unmodifiable
 * collection when it enters the cache (a fill, a write-through or write-behind write), and that
 * copy is what the cache and every reader gets, the leader of a load included. A value declared as
 * a concrete class (ArrayList) cannot be replaced by another type and is kept as it is (the README
 * says so). The copy costs one pass over the collection on the miss and write paths, nothing on a
 * hit; List.copyOf does not copy a list that is already unmodifiable.
 */

/** How a cache copies the values it stores; immutable and thread-safe. */
final class ValueCopies {

  private ValueCopies() {}

  /** The copy for values of {@code valueType}; the identity for types that are not copied. */
  static UnaryOperator<Object> forType(Type valueType) {
    Class<?> raw = erasure(valueType);
    if (raw == List.class || raw == Collection.class) {
      return value -> copyList((Collection<?>) value);
    }
    if (raw == NavigableSet.class || raw == SortedSet.class) {
      return value -> Collections.unmodifiableNavigableSet(new TreeSet<>((SortedSet<?>) value));
    }
    if (raw == Set.class) {
      return value -> Collections.unmodifiableSet(new LinkedHashSet<>((Set<?>) value));
    }
    if (raw == NavigableMap.class || raw == SortedMap.class) {
      return value -> Collections.unmodifiableNavigableMap(new TreeMap<>((SortedMap<?, ?>) value));
    }
    if (raw == Map.class) {
      return value -> Collections.unmodifiableMap(new LinkedHashMap<>((Map<?, ?>) value));
    }
    return UnaryOperator.identity();
  }

  private static List<?> copyList(Collection<?> value) {
    try {
      return List.copyOf(value);
    } catch (NullPointerException nullElement) {
      return Collections.unmodifiableList(new ArrayList<>(value));
    }
  }

  private static Class<?> erasure(Type type) {
    if (type instanceof Class<?> raw) {
      return raw;
    }
    if (type instanceof ParameterizedType parameterized
        && parameterized.getRawType() instanceof Class<?> raw) {
      return raw;
    }
    return Object.class;
  }
}
