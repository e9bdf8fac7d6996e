package dev.cachalot.bench;

import dev.cachalot.annotations.CacheAside;
import dev.cachalot.annotations.Invalidate;
import java.util.List;

/** A read of a list, whose cached value Cachalot stores as an unmodifiable copy. */
public interface CategoryDao {

  @CacheAside(cache = "categories", ttl = "10m")
  List<Product> findByCategory(String category);

  /** Drops {@code category}, so that the next read misses. */
  @Invalidate(cache = "categories")
  default void evict(String category) {}
}
