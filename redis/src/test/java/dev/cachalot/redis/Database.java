package dev.cachalot.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one database that every node of a test shares: rows in maps. Each node reaches it through a
 * {@link Dao} of its own, which counts that node's calls and can hold them at a {@link Gate}.
 */
final class Database {
  final Map<Long, Product> products = new ConcurrentHashMap<>();
  final Map<Long, Price> prices = new ConcurrentHashMap<>();
  final Map<Long, String> categories = new ConcurrentHashMap<>();

  /** A node's connection to the database. */
  Dao dao() {
    return new Dao();
  }

  /** What runs at a point of a DAO call; a test sets one to hold or observe it. */
  interface Hook {
    void run(long key);
  }

  /** The DAOs of one node, over the shared rows; counts its calls. */
  final class Dao implements CatalogDao, PriceDao {
    final AtomicInteger productReads = new AtomicInteger();
    final AtomicInteger priceReads = new AtomicInteger();
    final AtomicInteger categoryReads = new AtomicInteger();

    /** Runs after a product or price was read, before the call returns its row. */
    volatile Hook afterRead = key -> {};

    /** Runs when a price write starts, before the row changes. */
    volatile Hook beforeWrite = key -> {};

    /** Runs after a price row changed, before the write returns. */
    volatile Hook afterWrite = key -> {};

    /** Thrown by price writes after they changed the row, when set. */
    volatile RuntimeException failAfterWrite;

    @Override
    public Optional<Product> find(long id) {
      productReads.incrementAndGet();
      Optional<Product> row = Optional.ofNullable(products.get(id));
      afterRead.run(id);
      return row;
    }

    @Override
    public void save(Product product) {
      products.put(product.id(), product);
    }

    @Override
    public void delete(long id) {
      products.remove(id);
    }

    @Override
    public List<Product> inCategory(String category) {
      categoryReads.incrementAndGet();
      List<Product> found = new ArrayList<>();
      categories.forEach(
          (id, c) -> {
            Product row = products.get(id);
            if (c.equals(category) && row != null) {
              found.add(row);
            }
          });
      return found;
    }

    @Override
    public Optional<Price> price(long productId) {
      priceReads.incrementAndGet();
      Optional<Price> row = Optional.ofNullable(prices.get(productId));
      afterRead.run(productId);
      return row;
    }

    @Override
    public void deletePrice(long productId) {
      prices.remove(productId);
    }

    @Override
    public void save(Price price) {
      beforeWrite.run(price.productId());
      prices.put(price.productId(), price);
      afterWrite.run(price.productId());
      RuntimeException failure = failAfterWrite;
      if (failure != null) {
        throw failure;
      }
    }
  }
}
