package dev.cachalot.spring.boot.sample;

import dev.cachalot.annotations.CacheAside;
import java.util.Optional;

/** The read half of {@link ProductStore}, annotated itself. */
public interface ProductReads {
  @CacheAside(cache = "stock", ttl = "1m")
  Optional<Product> find(long id);
}
