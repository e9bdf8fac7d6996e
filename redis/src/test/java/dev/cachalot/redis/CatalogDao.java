package dev.cachalot.redis;

import dev.cachalot.annotations.CacheAside;
import dev.cachalot.annotations.CacheDefaults;
import dev.cachalot.annotations.Invalidate;
import java.util.List;
import java.util.Optional;

/** Cache-aside: the catalog, with a remembered absence and a generic value type. */
@CacheDefaults(cache = "products", ttl = "10m")
public interface CatalogDao {

  @CacheAside(negativeTtl = "30s")
  Optional<Product> find(long id);

  @CacheAside(key = "product.id")
  @Invalidate(cache = "categories", all = true)
  void save(Product product);

  @CacheAside
  void delete(long id);

  @CacheAside(cache = "categories")
  List<Product> inCategory(String category);
}
