package dev.cachalot.examples.quickstart;

import dev.cachalot.Cachalot;
import dev.cachalot.CacheHandle;
import dev.cachalot.CacheStats;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Locale;
import java.util.SplittableRandom;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Runs the three strategies side by side on an in-memory H2 database and Cachalot's in-process
 * store, then prints what each cache did.
 */
public final class QuickstartApp {

  private QuickstartApp() {}

  public static void main(String[] args) throws SQLException {
    run(System.out);
  }

  /** Runs the example and returns how many page views reached the database. */
  static Report run(PrintStream out) throws SQLException {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:quickstart-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    JdbcDaos.createSchema(dataSource);
    JdbcDaos.Catalog jdbcCatalog = new JdbcDaos.Catalog(dataSource);
    JdbcDaos.PageViews jdbcPageViews = new JdbcDaos.PageViews(dataSource);

    Cachalot cachalot = Cachalot.inMemory();
    CatalogDao catalog = cachalot.decorate(CatalogDao.class, jdbcCatalog);
    SessionDao sessions = cachalot.decorate(SessionDao.class, new JdbcDaos.Sessions(dataSource));
    PageViewDao pageViews = cachalot.decorate(PageViewDao.class, jdbcPageViews);

    for (long id = 1; id <= 100; id++) {
      catalog.save(new Product(id, "product " + id, 100 * id));
    }
    SplittableRandom random = new SplittableRandom(42);
    int views = 5_000;
    long viewedCents = 0;
    for (int i = 0; i < views; i++) {
      Session session = sessions.login("user" + (i % 50));
      // A few products are far more popular than the rest.
      long productId = 1 + (long) (100 * Math.pow(random.nextDouble(), 3));
      Product product = catalog.find(productId).orElseThrow();
      if (!sessions.find(session.token()).orElseThrow().equals(session)) {
        throw new IllegalStateException("session " + session.token() + " changed under its user");
      }
      viewedCents += product.priceCents();
      pageViews.record(new PageView(i, "/products/" + productId));
      if (i % 500 == 0) {
        catalog.save(new Product(productId, "product " + productId, 90 * productId));
      }
      sessions.logout(session.token());
    }
    out.printf(
        Locale.ROOT,
        "%-10s %-14s %8s %8s %8s %8s %8s%n",
        "cache",
        "strategy",
        "hits",
        "misses",
        "loads",
        "writes",
        "pending");
    for (CacheHandle cache : cachalot.caches()) {
      CacheStats stats = cache.stats();
      out.printf(
          Locale.ROOT,
          "%-10s %-14s %8d %8d %8d %8d %8d%n",
          cache.name(),
          cache.strategy(),
          stats.hits(),
          stats.misses(),
          stats.loads(),
          stats.writes(),
          cache.pendingWrites());
    }
    long catalogQueries = jdbcCatalog.queries.get();
    cachalot.close();
    long stored = jdbcPageViews.count();
    out.printf(
        Locale.ROOT,
        "catalog: %d reads (%d cents of products viewed), %d reached the database%n"
            + "page views: %d recorded, %d in the database after close()%n",
        views,
        viewedCents,
        catalogQueries,
        views,
        stored);
    return new Report(views, stored, catalogQueries);
  }

  /** What a run did, for the example's test. */
  record Report(long pageViewsRecorded, long pageViewsStored, long catalogQueries) {}
}
