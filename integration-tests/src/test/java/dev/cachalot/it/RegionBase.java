package dev.cachalot.it;

import dev.cachalot.annotations.CacheAside;
import dev.cachalot.annotations.CacheDefaults;
import java.util.List;

/**
 * A generic base interface, as a shared library of DAOs declares one: its {@code @CacheDefaults}
 * apply to the methods it declares, and its type parameter is given by the sub-interface that is
 * decorated.
 */
@CacheDefaults(cache = "regions", ttl = "1h")
public interface RegionBase<C> {

  Region UNKNOWN = new Region("??", "unknown");

  @CacheAside
  Region find(C code);

  /** No parameter: the cache holds a single entry. */
  @CacheAside(cache = "allRegions")
  List<Region> all();

  /** An array key, compared by its elements. */
  @CacheAside(cache = "regionsByCodes")
  List<Region> findAll(String... codes);

  /** A default method left to the interface: its call of find() goes through the cache. */
  default Region findOrUnknown(C code) {
    Region region = find(code);
    return region != null ? region : UNKNOWN;
  }

  /** A default method that is itself cached. */
  @CacheAside(cache = "regionCount")
  default int count() {
    return all().size();
  }
}
