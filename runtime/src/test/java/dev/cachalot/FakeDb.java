package dev.cachalot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

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

  /** Writes of a product (or an id, for deletes) for which this holds fail: bad rows. */
  volatile Predicate<Object> failIf = row -> false;

  /** Every write that was applied, in order: "save p", "delete id", "saveAll [p, ...]". */
  final List<String> applied = new CopyOnWriteArrayList<>();

  Product find(long id) {
    enter();
    finds.incrementAndGet();
    return rows.get(id);
  }

  void save(Product product) {
    enter();
    failIfBad(product);
    rows.put(product.id(), product);
    applied.add("save " + product);
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
    failIfBad(id);
    rows.remove(id);
    applied.add("delete " + id);
    deletes.incrementAndGet();
  }

  void saveAll(List<Product> products) {
    enter();
    for (Product product : products) {
      failIfBad(product);
    }
    batches.add(new ArrayList<>(products));
    applied.add("saveAll " + products);
    for (Product product : products) {
      rows.put(product.id(), product);
    }
  }

  private void failIfBad(Object row) {
    if (failIf.test(row)) {
      throw new DbFailure("the database rejects " + row);
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
