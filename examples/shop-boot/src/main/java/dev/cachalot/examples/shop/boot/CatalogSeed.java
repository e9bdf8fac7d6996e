package dev.cachalot.examples.shop.boot;

import dev.cachalot.examples.shop.CatalogDao;
import dev.cachalot.examples.shop.Product;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Fills the catalog at start: products 1 to 100, in four categories. */
@Component
class CatalogSeed implements ApplicationRunner {

  static final int PRODUCTS = 100;

  private static final String[] CATEGORIES = {"rope", "sail", "anchor", "lantern"};

  private final CatalogDao catalog;

  CatalogSeed(CatalogDao catalog) {
    this.catalog = catalog;
  }

  @Override
  public void run(ApplicationArguments args) {
    List<Product> products = new ArrayList<>(PRODUCTS);
    for (int id = 1; id <= PRODUCTS; id++) {
      String category = CATEGORIES[id % CATEGORIES.length];
      products.add(new Product(id, category + " #" + id, category, 500L + 37L * id));
    }
    catalog.insertAll(products); // not cached: passes through to the database
  }
}
