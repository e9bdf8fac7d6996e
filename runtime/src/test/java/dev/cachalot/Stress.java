package dev.cachalot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.store.StoreCache;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * The shared parts of the randomized stress tests: a database stand-in with random latency and
 * injected failures, a log of what every worker did (with when it started and returned), and the
 * check of the final state.
 *
 * <p>The seed fixes each worker's sequence of operations; the interleaving is the scheduler's. Each
 * run prints its seed when it fails; rerun one with {@code -Dcachalot.stress.seed=<base>}.
 */
final class Stress {
  static final int KEYS = 8;
  static final int THREADS = 6;

  private Stress() {}

  /** The base of the seeds; each repetition adds its number. */
  static long seed(int repetition) {
    return Long.getLong("cachalot.stress.seed", 20_251_126L) * 1000 + repetition;
  }

  /** How an operation ended, as the worker that made it saw it. */
  enum Outcome {
    /** The call returned normally. */
    ACKNOWLEDGED,
    /** The call threw, but the database had applied it (the failure came after). */
    FAILED_APPLIED,
    /** The call threw, and nothing was applied (or, for write-behind, nothing was accepted). */
    FAILED_NOT_APPLIED
  }

  /** A write ({@code value} set) or delete of {@code key}, from its call to its return. */
  record Op(long key, Product value, long startNanos, long endNanos, Outcome outcome) {}

  /** What the database throws when told to fail; {@code applied} says whether it wrote first. */
  static final class DbFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean applied;

    DbFailure(String message, boolean applied) {
      super(message);
      this.applied = applied;
    }
  }

  /** A database of products with random latency and random failures; counts what it did. */
  static final class Db {
    final Map<Long, Product> rows = new ConcurrentHashMap<>();
    volatile double readFailureRate;
    volatile double writeFailureRate;
    final LongAdder reads = new LongAdder();
    final LongAdder failedReads = new LongAdder();
    final LongAdder writeCalls = new LongAdder();
    final LongAdder failedWriteCalls = new LongAdder();

    /** Writes and deletes applied by calls that returned normally (a batch counts each row). */
    final LongAdder acknowledgedRows = new LongAdder();

    Product read(long key) {
      latency();
      if (chance(readFailureRate)) {
        failedReads.increment();
        throw new DbFailure("read of " + key + " failed", false);
      }
      Product row = rows.get(key);
      reads.increment();
      latency();
      return row;
    }

    void save(Product product) {
      write(List.of(product), null);
    }

    void delete(long key) {
      write(List.of(), key);
    }

    void saveAll(List<Product> products) {
      write(products, null);
    }

    private void write(List<Product> products, Long deleted) {
      writeCalls.increment();
      latency();
      double rate = writeFailureRate;
      if (chance(rate / 2)) {
        failedWriteCalls.increment();
        throw new DbFailure("write failed before applying " + what(products, deleted), false);
      }
      if (deleted != null) {
        rows.remove(deleted);
      }
      for (Product product : products) {
        rows.put(product.id(), product);
      }
      latency();
      if (chance(rate / 2)) {
        failedWriteCalls.increment();
        throw new DbFailure("write failed after applying " + what(products, deleted), true);
      }
      acknowledgedRows.add(deleted != null ? 1 : products.size());
    }

    private static String what(List<Product> products, Long deleted) {
      return deleted != null ? "delete " + deleted : products.toString();
    }

    void failNothing() {
      readFailureRate = 0;
      writeFailureRate = 0;
    }
  }

  private static boolean chance(double probability) {
    return probability > 0 && ThreadLocalRandom.current().nextDouble() < probability;
  }

  /** A few microseconds of work, and now and then a park that lets another thread run. */
  static void latency() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (random.nextInt(20) == 0) {
      LockSupport.parkNanos(random.nextLong(20_000, 200_000));
      return;
    }
    long until = System.nanoTime() + random.nextLong(0, 10_000);
    while (System.nanoTime() - until < 0) {
      Thread.onSpinWait();
    }
  }

  /** Counts the events of each kind. */
  static final class EventCounts implements CacheListener {
    private final Map<CacheEvent.Kind, LongAdder> counts = new EnumMap<>(CacheEvent.Kind.class);

    EventCounts() {
      for (CacheEvent.Kind kind : CacheEvent.Kind.values()) {
        counts.put(kind, new LongAdder());
      }
    }

    @Override
    public void onEvent(CacheEvent event) {
      counts.get(event.kind()).increment();
    }

    long of(CacheEvent.Kind kind) {
      return counts.get(kind).sum();
    }
  }

  /** One operation of a worker, drawn from {@code random}; its writes are logged to {@code log}. */
  @FunctionalInterface
  interface Step {
    void run(int worker, SplittableRandom random, Log log) throws Exception;
  }

  /** The log of every worker's writes and deletes. */
  static final class Log {
    final ConcurrentLinkedQueue<Op> ops = new ConcurrentLinkedQueue<>();
    private final AtomicLong serial = new AtomicLong();

    /** A value no other write used. */
    Product value(long key, int worker) {
      return new Product(key, "w" + worker + "#" + serial.incrementAndGet());
    }

    void add(long key, Product value, long start, Outcome outcome) {
      ops.add(new Op(key, value, start, System.nanoTime(), outcome));
    }

    long count(Outcome outcome, boolean deletes) {
      return ops.stream()
          .filter(op -> op.outcome() == outcome && (op.value() == null) == deletes)
          .count();
    }
  }

  /**
   * Runs {@link #THREADS} workers, each with its own random from {@code seed}, for {@code rounds}
   * rounds of {@code steps} operations. Between rounds every worker waits at a barrier, whose
   * action ({@code atQuiescence}, run while no operation is in flight) checks the state: so the
   * checks see many quiescent points, not just the last. Returns how long it all took, in
   * milliseconds.
   */
  static long run(long seed, Log log, int rounds, int steps, Step step, Runnable atQuiescence)
      throws InterruptedException {
    long start = System.nanoTime();
    List<Throwable> checkFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.CyclicBarrier barrier =
        new java.util.concurrent.CyclicBarrier(
            THREADS,
            () -> {
              try {
                atQuiescence.run();
              } catch (RuntimeException | Error e) {
                checkFailures.add(e);
                throw e;
              }
            });
    List<Worker> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int worker = t;
      SplittableRandom random = new SplittableRandom(seed * 31 + t);
      workers.add(
          Worker.start(
              "stress-" + t,
              () -> {
                for (int round = 0; round < rounds; round++) {
                  for (int i = 0; i < steps; i++) {
                    step.run(worker, random, log);
                  }
                  barrier.await(60, TimeUnit.SECONDS);
                }
              }));
    }
    Throwable failure = null;
    for (Worker worker : workers) {
      Throwable thrown = worker.join();
      failure = failure != null ? failure : thrown;
    }
    if (!checkFailures.isEmpty()) {
      throw new AssertionError(
          "seed " + seed + ": a check at a quiescent point failed", checkFailures.get(0));
    }
    if (failure != null) {
      throw new AssertionError("seed " + seed + ": a worker failed", failure);
    }
    return millisSince(start);
  }

  /**
   * Checks, for every key, that the database holds the value (or absence) of an operation that is
   * not older than any acknowledged one: some allowed operation o whose value the database holds
   * such that no acknowledged operation of the key started after o returned. For write-behind only
   * acknowledged operations are allowed; for the synchronous strategies also those that failed
   * after the database applied them.
   */
  static void checkDatabase(long seed, Db db, Log log, boolean onlyAcknowledged) {
    for (long key = 0; key < KEYS; key++) {
      long k = key;
      List<Op> ops = log.ops.stream().filter(op -> op.key() == k).toList();
      Product stored = db.rows.get(key);
      boolean explained =
          ops.stream()
              .filter(
                  op ->
                      op.outcome() == Outcome.ACKNOWLEDGED
                          || (!onlyAcknowledged && op.outcome() == Outcome.FAILED_APPLIED))
              .filter(op -> Objects.equals(op.value(), stored))
              .anyMatch(
                  op ->
                      ops.stream()
                          .noneMatch(
                              later ->
                                  later.outcome() == Outcome.ACKNOWLEDGED
                                      && later.startNanos() - op.endNanos() > 0));
      assertThat(explained)
          .as(
              "seed %d, key %d: the database holds %s, which is not the last acknowledged write"
                  + " (writes of the key: %s)",
              seed, key, stored, ops)
          .isTrue();
    }
  }

  /**
   * Checks, for every key, that the store holds nothing, or exactly what the database holds, and
   * that a read through the engine returns what the database holds.
   */
  static void checkCache(
      long seed, Db db, LongFunction<Object> storeEntry, LongFunction<Product> readThrough) {
    for (long key = 0; key < KEYS; key++) {
      Product stored = db.rows.get(key);
      Object entry = storeEntry.apply(key);
      if (entry != null) {
        assertThat(entry)
            .as("seed %d, key %d: the store's entry, but the database holds %s", seed, key, stored)
            .isEqualTo(stored == null ? StoreCache.ABSENT : stored);
      }
      assertThat(readThrough.apply(key))
          .as("seed %d, key %d: a read through the engine", seed, key)
          .isEqualTo(stored);
      Object after = storeEntry.apply(key);
      if (after != null) {
        assertThat(after)
            .as("seed %d, key %d: the store's entry after the read", seed, key)
            .isEqualTo(stored == null ? StoreCache.ABSENT : stored);
      }
    }
  }

  /**
   * Seeds half of the keys with a row, logged as acknowledged writes before everything else;
   * returns how many.
   */
  static int seedRows(Db db, Log log) {
    int seeded = 0;
    for (long key = 0; key < KEYS; key += 2) {
      Product row = new Product(key, "initial");
      db.rows.put(key, row);
      log.add(key, row, System.nanoTime(), Outcome.ACKNOWLEDGED);
      seeded++;
    }
    return seeded;
  }

  static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
