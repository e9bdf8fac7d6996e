package dev.cachalot.spring.boot.sample;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ProductStore} in a map; also {@link Comparable}, an interface Cachalot ignores. */
public class MapProductStore implements ProductStore, Comparable<MapProductStore> {
  private final Map<Long, Product> rows = new ConcurrentHashMap<>();

  @Override
  public Optional<Product> find(long id) {
    return Optional.ofNullable(rows.get(id));
  }

  @Override
  public void save(Product product) {
    rows.put(product.id(), product);
  }

  @Override
  public int compareTo(MapProductStore other) {
    return 0;
  }
}
