package dev.cachalot.it;

import dev.cachalot.annotations.CacheAside;
import dev.cachalot.annotations.CacheDefaults;
import dev.cachalot.annotations.CacheValue;
import dev.cachalot.annotations.Invalidate;
import java.util.List;
import java.util.Optional;

/** Cache-aside, every role: reads (Optional and nullable), writes, deletes, invalidations. */
@CacheDefaults(cache = "products", ttl = "10m")
public interface ProductDao {

  @CacheAside(negativeTtl = "30s")
  Optional<Product> findById(long id);

  @CacheAside(cache = "productsByName", key = "name", ttl = "PT5M")
  Product findByName(String name, boolean caseSensitive);

  @CacheAside(cache = "productsByCategory")
  List<Product> findByCategory(String category);

  @CacheAside(key = "product.id")
  @Invalidate(cache = "productsByName", key = "product.name")
  @Invalidate(cache = "productsByCategory", all = true)
  void save(Product product);

  @CacheAside(key = "product.id")
  int update(@CacheValue Product product);

  @CacheAside
  void delete(long id);

  @Invalidate(key = "id")
  void reprice(long id, long priceCents);

  @Invalidate(cache = "productsByCategory", all = true)
  void recategorize();

  long count();
}
