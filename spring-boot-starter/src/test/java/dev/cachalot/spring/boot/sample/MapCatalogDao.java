package dev.cachalot.spring.boot.sample;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The catalog in a map; counts its reads, which only misses reach. */
public class MapCatalogDao implements CatalogDao {
  public final Map<Long, Product> rows = new ConcurrentHashMap<>();
  public final AtomicInteger reads = new AtomicInteger();

  @Override
  public Optional<Product> find(long id) {
    reads.incrementAndGet();
    return Optional.ofNullable(rows.get(id));
  }

  @Override
  public void save(Product product) {
    rows.put(product.id(), product);
  }
}
