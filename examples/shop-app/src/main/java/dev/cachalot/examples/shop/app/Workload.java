package dev.cachalot.examples.shop.app;

import dev.cachalot.examples.shop.CatalogDao;
import dev.cachalot.examples.shop.Event;
import dev.cachalot.examples.shop.EventDao;
import dev.cachalot.examples.shop.EventKind;
import dev.cachalot.examples.shop.Product;
import dev.cachalot.examples.shop.Session;
import dev.cachalot.examples.shop.SessionDao;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The shop's traffic. Each shopper (a thread, like a server's request thread) visits the shop again
 * and again: logs in, views a few products chosen by popularity (each request checks the session,
 * reads the product and records an analytics event; some put the product into the cart), extends
 * the session now and then, and usually logs out, thinking between requests. Now and then the
 * thread serves a merchandiser's request instead: a price update, mostly of popular products. Every
 * call through a decorated DAO is timed.
 */
final class Workload {

  /** One request in this many is a merchandiser's price update rather than a page view. */
  private static final int PRICE_UPDATE_ONE_IN = 25;

  /**
   * How many event ids each node has: node n numbers its events from (n - 1) times this, plus 1.
   */
  static final long EVENT_IDS_PER_NODE = 1_000_000_000_000L;

  private final ShopConfig config;
  private final SessionDao sessions;
  private final CatalogDao catalog;
  private final EventDao events;
  private final CallProbe probe;
  private final Popularity popularity;
  private final String[] userNames;
  private final AtomicLong eventIds;

  final LongAdder visits = new LongAdder();
  final LongAdder pageViews = new LongAdder();
  final LongAdder priceUpdates = new LongAdder();
  final LongAdder eventsGenerated = new LongAdder();

  private volatile boolean stopped;

  Workload(
      ShopConfig config,
      SessionDao sessions,
      CatalogDao catalog,
      EventDao events,
      CallProbe probe) {
    this.config = config;
    this.sessions = sessions;
    this.catalog = catalog;
    this.events = events;
    this.probe = probe;
    this.eventIds = new AtomicLong(firstEventId(config) - 1);
    this.popularity = new Popularity(config.products());
    this.userNames = new String[config.users()];
    for (int i = 0; i < userNames.length; i++) {
      userNames[i] = String.format(Locale.ROOT, "user-%04d", i + 1);
    }
  }

  /** The id of the first event this node records; nodes number their events apart. */
  static long firstEventId(ShopConfig config) {
    return (config.node() - 1) * EVENT_IDS_PER_NODE + 1;
  }

  /** The products of the initial catalog. */
  static List<Product> catalog(int products, long seed) {
    String[] categories = {"books", "garden", "kitchen", "music", "outdoor", "toys"};
    SplittableRandom random = new SplittableRandom(seed);
    List<Product> all = new ArrayList<>(products);
    for (int id = 1; id <= products; id++) {
      all.add(
          new Product(
              id,
              String.format(Locale.ROOT, "Product %04d", id),
              categories[random.nextInt(categories.length)],
              random.nextLong(199, 20_000)));
    }
    return all;
  }

  /** What a run did. */
  record Result(
      Duration elapsed,
      Duration warmUp,
      long visits,
      long pageViews,
      long priceUpdates,
      long eventsGenerated,
      Map<Operation, Latency.Summary> latencies) {}

  /**
   * Runs the shoppers for the configured time and returns what they did.
   *
   * @throws IllegalStateException when a shopper saw something wrong (a lost session, a missing
   *     product) or a call failed
   */
  Result run() throws InterruptedException {
    SplittableRandom seeds = new SplittableRandom(config.seed());
    long start = System.nanoTime();
    long deadline = start + config.duration().toNanos();
    long measureFrom = start + warmUp(config.duration()).toNanos();
    probe.timeFlushesFrom(measureFrom);
    List<Callable<Map<Operation, Latency>>> tasks = new ArrayList<>();
    for (int i = 0; i < config.shoppers(); i++) {
      tasks.add(new Shopper(seeds.split(), measureFrom, deadline));
    }
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService threads =
        Executors.newFixedThreadPool(
            tasks.size(),
            task -> {
              Thread thread = new Thread(task, "shopper-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    Map<Operation, Latency> merged = latencies();
    try {
      List<Future<Map<Operation, Latency>>> futures = new ArrayList<>();
      for (Callable<Map<Operation, Latency>> task : tasks) {
        futures.add(threads.submit(task));
      }
      for (Future<Map<Operation, Latency>> future : futures) {
        for (Map.Entry<Operation, Latency> entry : future.get().entrySet()) {
          merged.get(entry.getKey()).addAll(entry.getValue());
        }
      }
    } catch (ExecutionException e) {
      stopped = true;
      throw new IllegalStateException("a shopper failed: " + e.getCause(), e.getCause());
    } finally {
      stopped = true;
      threads.shutdown();
      if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
        threads.shutdownNow();
      }
    }
    Map<Operation, Latency.Summary> summaries = new EnumMap<>(Operation.class);
    for (Map.Entry<Operation, Latency> entry : merged.entrySet()) {
      summaries.put(entry.getKey(), entry.getValue().summary());
    }
    return new Result(
        Duration.ofNanos(System.nanoTime() - start),
        warmUp(config.duration()),
        visits.sum(),
        pageViews.sum(),
        priceUpdates.sum(),
        eventsGenerated.sum(),
        summaries);
  }

  /**
   * The first part of a run, whose calls are not timed: the JIT compiles the hot paths and the
   * cache fills. A fifth of the run, at most two seconds.
   */
  static Duration warmUp(Duration run) {
    Duration fifth = run.dividedBy(5);
    return fifth.compareTo(Duration.ofSeconds(2)) < 0 ? fifth : Duration.ofSeconds(2);
  }

  private static Map<Operation, Latency> latencies() {
    Map<Operation, Latency> latencies = new EnumMap<>(Operation.class);
    for (Operation operation : Operation.values()) {
      latencies.put(operation, new Latency());
    }
    return latencies;
  }

  /** One thread of visits; times each of its calls through a decorated DAO. */
  private final class Shopper implements Callable<Map<Operation, Latency>> {
    private final SplittableRandom random;
    private final long measureFrom;
    private final long deadline;
    private final Map<Operation, Latency> latencies = latencies();

    Shopper(SplittableRandom random, long measureFrom, long deadline) {
      this.random = random;
      this.measureFrom = measureFrom;
      this.deadline = deadline;
    }

    private boolean running() {
      return !stopped && System.nanoTime() - deadline < 0;
    }

    /** Records a call that began at {@code start}, unless it began during the warm-up. */
    private void measure(Operation operation, long start, long took, CallProbe.Tally tally) {
      if (start - measureFrom >= 0) {
        latencies.get(operation).record(took, tally.databaseNanos);
      }
    }

    private Product findProduct(long id) {
      CallProbe.Tally tally = probe.begin();
      long start = System.nanoTime();
      Product product = catalog.find(id).orElse(null);
      long took = System.nanoTime() - start;
      Operation read = tally.misses > 0 ? Operation.CACHE_ASIDE_MISS : Operation.HIT;
      measure(read, start, took, tally);
      if (product == null) {
        throw new IllegalStateException("product " + id + " is missing from the catalog");
      }
      return product;
    }

    private void saveProduct(Product product) {
      CallProbe.Tally tally = probe.begin();
      long start = System.nanoTime();
      catalog.save(product);
      long took = System.nanoTime() - start;
      measure(Operation.CACHE_ASIDE_WRITE, start, took, tally);
    }

    @Override
    public Map<Operation, Latency> call() {
      while (running()) {
        visit(userNames[random.nextInt(userNames.length)]);
        visits.increment();
      }
      return latencies;
    }

    private void visit(String user) {
      think();
      Session session = login(user);
      int page = 0;
      do {
        if (random.nextInt(PRICE_UPDATE_ONE_IN) == 0) {
          think();
          updatePrice();
        }
        think();
        // Every request checks the session: write-through, so it is never stale.
        Session found = findSession(session.token());
        if (!session.equals(found) || !found.isValidAt(Instant.now())) {
          throw new IllegalStateException(
              "session "
                  + session.token()
                  + " is "
                  + found
                  + ", but "
                  + session
                  + " was written"
                  + " and is valid");
        }
        Product product = findProduct(popularity.next(random));
        record(user, EventKind.PAGE_VIEW, product.id());
        if (random.nextInt(10) == 0) {
          record(user, EventKind.ADD_TO_CART, product.id());
        }
        pageViews.increment();
        page++;
        if (page % 5 == 0) {
          session = saveSession(session.extendedFrom(now(), JdbcSessionDao.LIFETIME));
        }
      } while (page < 50 && random.nextInt(8) != 0 && running());
      if (random.nextInt(5) != 0) {
        think();
        sessions.logout(session.token());
      }
    }

    /** A merchandiser changes a price by up to 10%, mostly of a popular product. */
    private void updatePrice() {
      Product product = findProduct(popularity.next(random));
      long newPrice = Math.max(99, product.priceCents() * random.nextInt(90, 111) / 100);
      saveProduct(product.withPrice(newPrice));
      priceUpdates.increment();
    }

    private void think() {
      LockSupport.parkNanos(random.nextLong(200_000, 1_000_000));
    }

    private Session login(String user) {
      CallProbe.Tally tally = probe.begin();
      long start = System.nanoTime();
      Session session = sessions.login(user);
      long took = System.nanoTime() - start;
      measure(Operation.WRITE_THROUGH_WRITE, start, took, tally);
      return session;
    }

    private Session saveSession(Session session) {
      CallProbe.Tally tally = probe.begin();
      long start = System.nanoTime();
      sessions.save(session);
      long took = System.nanoTime() - start;
      measure(Operation.WRITE_THROUGH_WRITE, start, took, tally);
      return session;
    }

    private Session findSession(String token) {
      CallProbe.Tally tally = probe.begin();
      long start = System.nanoTime();
      Session session = sessions.find(token).orElse(null);
      long took = System.nanoTime() - start;
      // Sessions are cached when they are written, so a miss here would be a surprise; it is
      // timed with the hits only when it was one.
      if (tally.misses == 0) {
        measure(Operation.HIT, start, took, tally);
      }
      return session;
    }

    private void record(String user, EventKind kind, long productId) {
      Event event = new Event(eventIds.incrementAndGet(), user, kind, productId, now());
      CallProbe.Tally tally = probe.begin();
      long start = System.nanoTime();
      events.record(event);
      long took = System.nanoTime() - start;
      measure(Operation.WRITE_BEHIND_WRITE, start, took, tally);
      eventsGenerated.increment();
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
