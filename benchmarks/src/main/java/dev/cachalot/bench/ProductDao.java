package dev.cachalot.bench;

import dev.cachalot.annotations.CacheAside;

/** A read keyed by one {@code long}; the processor generates {@code CachedProductDao}. */
public interface ProductDao {

  @CacheAside(cache = "products", ttl = "10m")
  Product findById(long id);
}
