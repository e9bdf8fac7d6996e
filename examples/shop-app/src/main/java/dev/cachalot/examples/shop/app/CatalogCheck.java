package dev.cachalot.examples.shop.app;

import dev.cachalot.examples.shop.CatalogDao;
import dev.cachalot.examples.shop.Product;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * After a run: every product read through the cache, against the row read straight from the
 * database. On one node this always agrees; on several, it shows that each node saw the others'
 * price updates (a near cache that missed an invalidation would still serve the old price).
 *
 * @param products how many products were checked
 * @param stale how many read differently through the cache than from the database, also when read
 *     again a few times (another node may be updating a price at the moment of the check)
 */
record CatalogCheck(int products, int stale) {

  private static final int ATTEMPTS = 5;

  /** Checks products 1 to {@code products}. */
  static CatalogCheck run(CatalogDao cached, CatalogDao database, int products) {
    int stale = 0;
    for (long id = 1; id <= products; id++) {
      if (!agrees(cached, database, id)) {
        stale++;
      }
    }
    return new CatalogCheck(products, stale);
  }

  private static boolean agrees(CatalogDao cached, CatalogDao database, long id) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Product> throughCache = cached.find(id);
      if (throughCache.equals(database.find(id))) {
        return true;
      }
      // Another node may have updated the row and be about to invalidate it: look again shortly.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    return false;
  }
}
