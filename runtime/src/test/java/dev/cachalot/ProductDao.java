package dev.cachalot;

import java.util.Optional;

/** A DAO interface as an application declares it (the annotations are the processor's concern). */
public interface ProductDao {
  Optional<Product> findById(long id);

  void save(Product product);
}
