package dev.cachalot.examples.shop.app;

import dev.cachalot.examples.shop.CatalogDao;
import dev.cachalot.examples.shop.Product;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The catalog in plain JDBC; Cachalot's generated {@code CachedCatalogDao} wraps it. */
final class JdbcCatalogDao implements CatalogDao {

  private final DataSource dataSource;

  JdbcCatalogDao(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Optional<Product> find(long id) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT name, category, price_cents FROM product WHERE id = ?")) {
      select.setLong(1, id);
      try (ResultSet row = select.executeQuery()) {
        return row.next()
            ? Optional.of(new Product(id, row.getString(1), row.getString(2), row.getLong(3)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read product " + id, e);
    }
  }

  @Override
  public void save(Product product) {
    // UPDATE, then INSERT when there was no row: the same SQL on H2 and PostgreSQL.
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE product SET name = ?, category = ?, price_cents = ? WHERE id = ?")) {
      update.setString(1, product.name());
      update.setString(2, product.category());
      update.setLong(3, product.priceCents());
      update.setLong(4, product.id());
      if (update.executeUpdate() == 0) {
        insert(connection, List.of(product));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot save product " + product.id(), e);
    }
  }

  @Override
  public void insertAll(List<Product> products) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        insert(connection, products);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot insert " + products.size() + " products", e);
    }
  }

  private static void insert(Connection connection, List<Product> products) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO product (id, name, category, price_cents) VALUES (?, ?, ?, ?)")) {
      for (Product product : products) {
        insert.setLong(1, product.id());
        insert.setString(2, product.name());
        insert.setString(3, product.category());
        insert.setLong(4, product.priceCents());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
