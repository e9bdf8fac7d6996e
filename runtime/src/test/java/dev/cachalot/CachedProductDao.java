package dev.cachalot;

import java.time.Duration;
import java.util.Optional;

/**
 * A hand-written stand-in for the decorator the processor generates for {@link ProductDao}, written
 * the way the generated code reads, so that {@link Cachalot#decorate} has something to find.
 */
public final class CachedProductDao implements ProductDao {
  private final ProductDao delegate;
  private final CacheAsideEngine<Long, Product> products;

  public CachedProductDao(ProductDao delegate, Cachalot cachalot) {
    this.delegate = delegate;
    this.products =
        cachalot.cacheAside(
            CacheSpec.<Long, Product>named("products")
                .keyType(Long.class)
                .valueType(Product.class)
                .ttl(Duration.ofMinutes(10))
                .build());
  }

  @Override
  public Optional<Product> findById(long id) {
    Product cached = products.getIfPresent(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    return Optional.ofNullable(products.load(id, () -> delegate.findById(id).orElse(null)));
  }

  @Override
  public void save(Product product) {
    products.write(product.id(), () -> delegate.save(product));
  }
}
