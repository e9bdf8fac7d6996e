package dev.cachalot;

import dev.cachalot.annotations.Strategy;
import dev.cachalot.rules.plan.CachePlan;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/** Specs of write-behind caches for the journal's tests, which live outside this package. */
public final class JournalSpecs {
  private JournalSpecs() {}

  /** A write-behind cache named {@code name}, with String keys and values. */
  public static CacheSpec writeBehind(String name) {
    return CacheSpec.of(
        new CachePlan<Type>(
            name, Strategy.WRITE_BEHIND, List.of(String.class), String.class, Map.of(), null),
        0);
  }
}
