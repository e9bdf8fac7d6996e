package dev.cachalot.spring.boot.sample;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** A catalog whose methods run in transactions; records whether they did. */
@Transactional
public class TransactionalCatalogDao extends MapCatalogDao {
  public final AtomicBoolean savedInTransaction = new AtomicBoolean();

  @Override
  public Optional<Product> find(long id) {
    return super.find(id);
  }

  @Override
  public void save(Product product) {
    savedInTransaction.set(TransactionSynchronizationManager.isActualTransactionActive());
    super.save(product);
  }
}
