package dev.cachalot.spring.boot.sample;

import dev.cachalot.annotations.CacheAside;

/** Reads and writes; a bean implementing it is decorated as a {@code ProductStore}. */
public interface ProductStore extends ProductReads {
  @CacheAside(cache = "stock", key = "product.id")
  void save(Product product);
}
