package dev.cachalot.examples.quickstart;

import dev.cachalot.annotations.CacheAside;
import dev.cachalot.annotations.CacheDefaults;
import java.util.Optional;

/** The catalog is read-heavy and tolerates a moment of staleness: cache-aside. */
@CacheDefaults(cache = "products", ttl = "10m")
public interface CatalogDao {

  @CacheAside(negativeTtl = "30s")
  Optional<Product> find(long id);

  @CacheAside(key = "product.id")
  void save(Product product);
}
