package dev.cachalot.bench;

import dev.cachalot.annotations.CacheAside;

/** A read keyed by two parts; the processor generates {@code CachedTenantProductDao}. */
public interface TenantProductDao {

  @CacheAside(cache = "tenantProducts", ttl = "10m")
  Product find(String tenant, long id);
}
