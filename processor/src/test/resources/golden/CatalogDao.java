package com.acme.catalog;

import dev.cachalot.annotations.CacheAside;
import dev.cachalot.annotations.CacheDefaults;
import dev.cachalot.annotations.CacheValue;
import dev.cachalot.annotations.Invalidate;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

@CacheDefaults(cache = "products", ttl = "10m")
public interface CatalogDao {

  record Product(long id, String name, String category) {}

  @CacheAside(negativeTtl = "30s")
  Optional<Product> findById(long id);

  @CacheAside(cache = "productsByCategory", ttl = "1h")
  List<Product> findByCategory(String category) throws SQLException;

  @CacheAside(cache = "tenantProducts", key = "tenant, id")
  Product findForTenant(String tenant, long id) throws SQLException, IOException;

  @CacheAside(key = "product.id")
  @Invalidate(cache = "productsByCategory", key = "product.category")
  void save(Product product) throws SQLException;

  @CacheAside(key = "product.id")
  int update(@CacheValue Product product);

  @CacheAside
  void delete(long id);

  @Invalidate(cache = "productsByCategory", all = true)
  void recategorize(String from, String to);

  long count();
}
