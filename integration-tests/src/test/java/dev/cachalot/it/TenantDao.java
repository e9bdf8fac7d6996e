package dev.cachalot.it;

import dev.cachalot.annotations.CacheAside;
import dev.cachalot.annotations.Key;
import java.util.Optional;

/** Keys of several parts, and a nested interface. */
public interface TenantDao {

  @CacheAside(cache = "tenantProducts")
  Optional<Product> find(String tenant, long id);

  @CacheAside(cache = "tenantProducts", key = "tenant, product.id")
  void save(String tenant, Product product);

  @CacheAside(cache = "tenantProducts")
  void delete(@Key String tenant, @Key long id);

  /** Nested interfaces get {@code CachedTenantDao_Settings}. */
  interface Settings {
    @CacheAside(cache = "tenantSettings", ttl = "1d")
    String setting(String tenant, String name);
  }
}
