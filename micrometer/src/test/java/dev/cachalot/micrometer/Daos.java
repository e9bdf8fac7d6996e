package dev.cachalot.micrometer;

import dev.cachalot.annotations.CacheAside;
import dev.cachalot.annotations.CacheDefaults;
import dev.cachalot.annotations.WriteBehind;
import dev.cachalot.annotations.WriteThrough;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The DAOs of the tests, one per strategy (the processor generates their decorators), and a
 * database of maps behind them that a test can make fail or hold.
 */
final class Daos {
  private Daos() {}

  record Product(long id, String name) {}

  record Session(String token, String user) {}

  record Event(long id, String what) {}

  @CacheDefaults(cache = "products", ttl = "10m")
  interface ProductDao {
    @CacheAside(negativeTtl = "1m")
    Optional<Product> find(long id);

    @CacheAside(key = "product.id")
    void save(Product product);
  }

  @CacheDefaults(cache = "sessions", ttl = "30m")
  interface SessionDao {
    @WriteThrough
    Optional<Session> find(String token);

    @WriteThrough(key = "session.token")
    void save(Session session);
  }

  /** Flushed only when a test says so: the flush interval and the retry backoff are long. */
  interface EventDao {
    @WriteBehind(
        cache = "events",
        key = "event.id",
        flushMillis = 3_600_000,
        batchMethod = "insertAll")
    void record(Event event);

    void insertAll(List<Event> events);
  }

  /** Tables of maps; thread-safe. */
  static final class Db implements ProductDao, SessionDao, EventDao {
    final Map<Long, Product> products = new ConcurrentHashMap<>();
    final Map<String, Session> sessions = new ConcurrentHashMap<>();
    final Map<Long, Event> events = new ConcurrentHashMap<>();
    final AtomicInteger insertCalls = new AtomicInteger();
    volatile boolean failing;

    /** While set, a read of this product id waits for {@link #release} after reading. */
    volatile long holdId = -1;

    final CountDownLatch read = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public Optional<Product> find(long id) {
      if (id < 0) {
        throw new IllegalArgumentException("no such id: " + id);
      }
      Optional<Product> row = Optional.ofNullable(products.get(id));
      if (id == holdId) {
        read.countDown();
        try {
          if (!release.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test did not release the read");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return row;
    }

    @Override
    public void save(Product product) {
      products.put(product.id(), product);
    }

    @Override
    public Optional<Session> find(String token) {
      return Optional.ofNullable(sessions.get(token));
    }

    @Override
    public void save(Session session) {
      sessions.put(session.token(), session);
    }

    @Override
    public void record(Event event) {
      insertAll(List.of(event));
    }

    @Override
    public void insertAll(List<Event> batch) {
      if (failing) {
        throw new IllegalStateException("the database is down");
      }
      insertCalls.incrementAndGet();
      for (Event event : batch) {
        events.put(event.id(), event);
      }
    }
  }
}
