package dev.cachalot.examples.shop;

import dev.cachalot.annotations.CacheAside;
import dev.cachalot.annotations.CacheDefaults;
import java.util.List;
import java.util.Optional;

/**
 * The catalog is read far more often than it is written, and a price that is a few milliseconds old
 * is fine: cache-aside. A price update writes the database and invalidates the product; the next
 * read loads it again.
 */
@CacheDefaults(cache = "products", ttl = "10m")
public interface CatalogDao {

  /** The product with this id, if it exists; a missing id is remembered for 30 seconds. */
  @CacheAside(negativeTtl = "30s")
  Optional<Product> find(long id);

  /** Updates the product (its price, say). */
  @CacheAside(key = "product.id")
  void save(Product product);

  /** Loads the initial catalog; not cached. */
  void insertAll(List<Product> products);
}
