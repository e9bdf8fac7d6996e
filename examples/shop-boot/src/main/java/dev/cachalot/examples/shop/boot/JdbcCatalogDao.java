package dev.cachalot.examples.shop.boot;

import dev.cachalot.examples.shop.CatalogDao;
import dev.cachalot.examples.shop.Product;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The catalog over {@link JdbcClient}; nothing here knows about caching. */
@Repository
class JdbcCatalogDao implements CatalogDao {

  private final JdbcClient jdbc;

  JdbcCatalogDao(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<Product> find(long id) {
    return jdbc.sql("SELECT id, name, category, price_cents FROM product WHERE id = ?")
        .param(id)
        .query(
            (row, number) ->
                new Product(
                    row.getLong("id"),
                    row.getString("name"),
                    row.getString("category"),
                    row.getLong("price_cents")))
        .optional();
  }

  @Override
  public void save(Product product) {
    // UPDATE, then INSERT when there was no row: the same SQL on H2 and PostgreSQL.
    int updated =
        jdbc.sql("UPDATE product SET name = ?, category = ?, price_cents = ? WHERE id = ?")
            .params(product.name(), product.category(), product.priceCents(), product.id())
            .update();
    if (updated == 0) {
      insertAll(List.of(product));
    }
  }

  @Override
  public void insertAll(List<Product> products) {
    for (Product product : products) {
      jdbc.sql("INSERT INTO product (id, name, category, price_cents) VALUES (?, ?, ?, ?)")
          .params(product.id(), product.name(), product.category(), product.priceCents())
          .update();
    }
  }
}
