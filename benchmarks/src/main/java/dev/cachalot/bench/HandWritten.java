package dev.cachalot.bench;

import com.github.benmanes.caffeine.cache.Cache;

/**
 * The limit: the decorators a careful engineer writes by hand over the same Caffeine cache, with
 * the same shape as Cachalot's generated hit path (look up, on a miss load through the cache).
 */
final class HandWritten {

  private HandWritten() {}

  /** The key of a two-part read. */
  record TenantKey(String tenant, long id) {}

  static final class Products implements ProductDao {
    private final ProductDao delegate;
    private final Cache<Long, Product> cache;

    Products(ProductDao delegate, Cache<Long, Product> cache) {
      this.delegate = delegate;
      this.cache = cache;
    }

    @Override
    public Product findById(long id) {
      Product value = cache.getIfPresent(id);
      if (value == null) {
        value = cache.get(id, k -> delegate.findById(k));
      }
      return value;
    }
  }

  static final class TenantProducts implements TenantProductDao {
    private final TenantProductDao delegate;
    private final Cache<TenantKey, Product> cache;

    TenantProducts(TenantProductDao delegate, Cache<TenantKey, Product> cache) {
      this.delegate = delegate;
      this.cache = cache;
    }

    @Override
    public Product find(String tenant, long id) {
      TenantKey key = new TenantKey(tenant, id);
      Product value = cache.getIfPresent(key);
      if (value == null) {
        value = cache.get(key, k -> delegate.find(k.tenant(), k.id()));
      }
      return value;
    }
  }
}
