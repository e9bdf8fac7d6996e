package dev.cachalot;

import static dev.cachalot.Generated.load;

import dev.cachalot.internal.CacheDeclaration;
import dev.cachalot.internal.DecoratorContext;
import dev.cachalot.internal.WriteThroughEngine;

/** A hand-written stand-in for the decorator generated for the nested {@code NestedDao}. */
public final class CachedCachalotTest_NestedDao implements CachalotTest.NestedDao {
  private final CachalotTest.NestedDao delegate;
  private final WriteThroughEngine<String, String> names;

  public CachedCachalotTest_NestedDao(CachalotTest.NestedDao delegate, DecoratorContext context) {
    this.delegate = delegate;
    this.names =
        context.writeThrough(
            CacheDeclaration.<String, String>named("names")
                .keyType(String.class)
                .valueType(String.class)
                .build());
  }

  @Override
  public String name(String id) {
    String cached = names.getIfPresent(id);
    if (cached != null) {
      return cached;
    }
    return load(names, id, () -> delegate.name(id));
  }
}
