package dev.cachalot.spring.boot.sample;

import dev.cachalot.annotations.CacheAside;
import dev.cachalot.annotations.CacheDefaults;
import java.util.Optional;

/** A cache-aside catalog. */
@CacheDefaults(cache = "products", ttl = "10m")
public interface CatalogDao {
  @CacheAside
  Optional<Product> find(long id);

  @CacheAside(key = "product.id")
  void save(Product product);
}
