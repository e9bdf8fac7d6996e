package dev.cachalot;

/** A hand-written stand-in for the decorator generated for the nested {@code NestedDao}. */
public final class CachedCachalotTest_NestedDao implements CachalotTest.NestedDao {
  private final CachalotTest.NestedDao delegate;
  private final WriteThroughEngine<String, String> names;

  public CachedCachalotTest_NestedDao(CachalotTest.NestedDao delegate, Cachalot cachalot) {
    this.delegate = delegate;
    this.names =
        cachalot.writeThrough(
            CacheSpec.<String, String>named("names")
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
    return names.load(id, () -> delegate.name(id));
  }
}
