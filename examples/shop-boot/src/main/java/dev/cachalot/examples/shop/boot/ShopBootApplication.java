package dev.cachalot.examples.shop.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The hybrid shop as a Spring Boot application: the JDBC DAOs of this package are plain {@code
 * JdbcClient} code; the Cachalot starter replaces each by its generated decorator ({@code
 * CachedCatalogDao}, {@code CachedSessionDao}, {@code CachedEventDao}), so that {@link
 * ShopController}, which injects the interfaces, calls through the caches.
 */
@SpringBootApplication
public class ShopBootApplication {

  public static void main(String[] args) {
    SpringApplication.run(ShopBootApplication.class, args);
  }
}
