package dev.cachalot.bench;

import dev.cachalot.annotations.CacheAside;
import dev.cachalot.annotations.WriteBehind;
import dev.cachalot.annotations.WriteThrough;

/** The write DAOs of {@link RedisBenchmark}: one per strategy, each over a cache of its own. */
public final class RedisDaos {

  private RedisDaos() {}

  /** Cache-aside writes: the database, then the invalidation (one script). */
  public interface AsideProducts {
    @CacheAside(cache = "asideProducts", ttl = "10m")
    Product find(long id);

    @CacheAside(cache = "asideProducts", key = "product.id")
    void save(Product product);
  }

  /** Write-through writes: the announcement, the database, then the completion (two scripts). */
  public interface ThroughProducts {
    @WriteThrough(cache = "throughProducts", ttl = "10m")
    Product find(long id);

    @WriteThrough(cache = "throughProducts", key = "product.id")
    void save(Product product);
  }

  /** Write-behind writes: the cache (one script) and the buffer; the database later. */
  public interface BehindProducts {
    @WriteBehind(
        cache = "behindProducts",
        key = "product.id",
        ttl = "10m",
        flushMillis = 50,
        maxBatch = 1000,
        capacity = 100_000)
    void save(Product product);
  }

  /** DAOs whose writes cost nothing, so that only the cache layer is timed. */
  static final class ZeroCost implements AsideProducts, ThroughProducts, BehindProducts {
    @Override
    public Product find(long id) {
      return ZeroCostDaos.PRODUCT;
    }

    @Override
    public void save(Product product) {}
  }
}
