package dev.cachalot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory "database" of products that counts its calls, and can be made to block (a {@link
 * Gate}) or fail.
 */
final class FakeDb {
  final Map<Long, Product> rows = new ConcurrentHashMap<>();
  final AtomicInteger finds = new AtomicInteger();
  final AtomicInteger saves = new AtomicInteger();
  final AtomicInteger deletes = new AtomicInteger();
  final List<List<Product>> batches = new CopyOnWriteArrayList<>();
  final List<Product> saved = new CopyOnWriteArrayList<>();
  final AtomicLong ids = new AtomicLong(1000);

  /** While not null, every call passes this gate first. */
  volatile Gate gate;

  /** How many of the next calls fail with {@link DbFailure}. */
  final AtomicInteger failures = new AtomicInteger();

  Product find(long id) {
    enter();
    finds.incrementAndGet();
    return rows.get(id);
  }

  void save(Product product) {
    enter();
    rows.put(product.id(), product);
    saved.add(product);
    saves.incrementAndGet();
  }

  /** Saves {@code product} with a fresh id, as a database with generated ids would. */
  Product create(String name) {
    enter();
    Product product = new Product(ids.incrementAndGet(), name);
    rows.put(product.id(), product);
    saves.incrementAndGet();
    return product;
  }

  void delete(long id) {
    enter();
    rows.remove(id);
    deletes.incrementAndGet();
  }

  void saveAll(List<Product> products) {
    enter();
    batches.add(new ArrayList<>(products));
    for (Product product : products) {
      rows.put(product.id(), product);
    }
  }

  private void enter() {
    Gate current = gate;
    if (current != null) {
      current.pass();
    }
    if (failures.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
      throw new DbFailure("the database is down");
    }
  }

  /** What the fake database throws when told to fail. */
  static final class DbFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DbFailure(String message) {
      super(message);
    }
  }
}
