package dev.cachalot.bench;

import dev.cachalot.annotations.CacheAside;
import dev.cachalot.annotations.Invalidate;

/** A read keyed by one {@code long}; the processor generates {@code CachedProductDao}. */
public interface ProductDao {

  @CacheAside(cache = "products", ttl = "10m")
  Product findById(long id);

  /** Drops {@code id} from the cache, so that the next read misses (the miss benchmark). */
  @Invalidate(cache = "products")
  default void evict(long id) {}
}
