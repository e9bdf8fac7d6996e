package dev.cachalot;

import static dev.cachalot.Generated.load;
import static dev.cachalot.Generated.write;

import dev.cachalot.internal.CacheAsideEngine;
import dev.cachalot.internal.CacheDeclaration;
import dev.cachalot.internal.DecoratorContext;
import java.time.Duration;
import java.util.Optional;

/**
 * A hand-written stand-in for the decorator the processor generates for {@link ProductDao}, written
 * the way the generated code reads, so that {@link Cachalot#decorate} has something to find.
 */
public final class CachedProductDao implements ProductDao {
  private final ProductDao delegate;
  private final CacheAsideEngine<Long, Product> products;

  public CachedProductDao(ProductDao delegate, DecoratorContext context) {
    this.delegate = delegate;
    this.products =
        context.cacheAside(
            CacheDeclaration.<Long, Product>named("products")
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
    return Optional.ofNullable(load(products, id, () -> delegate.findById(id).orElse(null)));
  }

  @Override
  public void save(Product product) {
    write(products, product.id(), () -> delegate.save(product));
  }
}
