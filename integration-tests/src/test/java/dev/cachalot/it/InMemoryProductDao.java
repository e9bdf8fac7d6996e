package dev.cachalot.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The "database" of products: a map, with call counts and an optional injected failure. */
final class InMemoryProductDao implements ProductDao {
  final Map<Long, Product> rows = new ConcurrentHashMap<>();
  final Map<Long, String> categories = new ConcurrentHashMap<>();
  final Calls calls = new Calls();
  volatile RuntimeException failWrites;

  @Override
  public Optional<Product> findById(long id) {
    calls.record("findById");
    return Optional.ofNullable(rows.get(id));
  }

  @Override
  public Product findByName(String name, boolean caseSensitive) {
    calls.record("findByName");
    return rows.values().stream()
        .filter(p -> caseSensitive ? p.name().equals(name) : p.name().equalsIgnoreCase(name))
        .findFirst()
        .orElse(null);
  }

  @Override
  public List<Product> findByCategory(String category) {
    calls.record("findByCategory");
    List<Product> found = new ArrayList<>();
    categories.forEach(
        (id, c) -> {
          if (c.equals(category) && rows.containsKey(id)) {
            found.add(rows.get(id));
          }
        });
    return found;
  }

  @Override
  public void save(Product product) {
    calls.record("save");
    failIfAsked();
    rows.put(product.id(), product);
  }

  @Override
  public int update(Product product) {
    calls.record("update");
    failIfAsked();
    return rows.replace(product.id(), product) == null ? 0 : 1;
  }

  @Override
  public void delete(long id) {
    calls.record("delete");
    failIfAsked();
    rows.remove(id);
  }

  @Override
  public void reprice(long id, long priceCents) {
    calls.record("reprice");
    rows.computeIfPresent(id, (k, p) -> new Product(p.id(), p.name(), priceCents));
  }

  @Override
  public void recategorize() {
    calls.record("recategorize");
    categories.replaceAll((id, c) -> c + "-new");
  }

  @Override
  public long count() {
    calls.record("count");
    return rows.size();
  }

  private void failIfAsked() {
    if (failWrites != null) {
      throw failWrites;
    }
  }
}
