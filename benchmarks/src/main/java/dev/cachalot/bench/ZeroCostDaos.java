package dev.cachalot.bench;

/** DAOs that cost nothing: they return a preallocated value, so only the cache layers are timed. */
final class ZeroCostDaos {

  static final Product PRODUCT = new Product(42, "a product");

  private ZeroCostDaos() {}

  /** A {@link ProductDao} that returns {@link #PRODUCT}. */
  static final class Products implements ProductDao {
    @Override
    public Product findById(long id) {
      return PRODUCT;
    }
  }

  /** A {@link TenantProductDao} that returns {@link #PRODUCT}. */
  static final class TenantProducts implements TenantProductDao {
    @Override
    public Product find(String tenant, long id) {
      return PRODUCT;
    }
  }
}
