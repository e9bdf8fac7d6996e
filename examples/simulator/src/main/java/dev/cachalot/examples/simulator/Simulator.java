package dev.cachalot.examples.simulator;

import dev.cachalot.CacheEvent;
import dev.cachalot.CacheHandle;
import dev.cachalot.CacheListener;
import dev.cachalot.WriteBehindException;
import dev.cachalot.examples.simulator.OperationLog.Entry;
import dev.cachalot.examples.simulator.OperationLog.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The simulator: runs the page's operations through the current {@link Generation}'s decorated
 * DAOs, logs what the engines did, springs the traps, and crashes and restarts generations. Every
 * click is a real call of a generated decorator over the real database; what the page shows is read
 * from the database, the store and the engines' events. Thread-safe: operations run concurrently, a
 * crash is exclusive of other crashes.
 */
@Component
final class Simulator implements SmartLifecycle {

  private static final Log logger = LogFactory.getLog(Simulator.class);

  /** The keys the database is seeded with, and their names. */
  static final Map<String, String> SEEDED =
      Map.of("user_1", "Alice", "user_2", "Bob", "user_3", "Carol");

  private static final String[] NAMES = {
    "Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy"
  };

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  /** What one call did: its value, its error, the latency its caller saw, and its steps. */
  record Run<T>(T value, RuntimeException error, double ms, Scope scope) {
    boolean ok() {
      return error == null;
    }
  }

  /** The answer to a click: whether it worked, the value it read or wrote, and its log entry. */
  record Outcome(boolean ok, User value, Entry entry) {}

  /** What the race trap did. */
  record RaceReport(
      String key,
      User readerLoaded,
      User written,
      boolean staleFillRejected,
      User cacheHolds,
      User databaseHolds,
      String summary) {}

  /** What the crash did. */
  record CrashReport(
      int crashedGeneration,
      int newGeneration,
      long pendingInEngine,
      List<BufferWatch.Pending> lost,
      String abandoned,
      String durability,
      String caches,
      String summary) {}

  /** What advancing the clock did. */
  record ClockReport(long advancedSeconds, long totalAdvancedSeconds, List<String> expired) {}

  private final ApplicationContext parent;
  private final SimulatorProperties properties;
  private final Database database;
  private final RaceGate gate;
  private final OperationLog log;
  private final LatencyTable latencyTable;
  private final SimClock clock;
  private final Latency latency;
  private final AtomicLong versions = new AtomicLong();
  private final Map<String, AtomicInteger> writesPerKey = new ConcurrentHashMap<>();
  private final Set<String> keys = new LinkedHashSet<>();
  private final ExecutorService racers =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "simulator-racing-read");
            thread.setDaemon(true);
            return thread;
          });

  /** The run's journal directory when the simulator made it (deleted at stop), else null. */
  private final Path temporaryJournal;

  private volatile Generation current;
  private volatile RaceReport lastRace;
  private volatile CrashReport lastCrash;

  Simulator(
      ApplicationContext parent,
      SimulatorProperties properties,
      Database database,
      RaceGate gate,
      OperationLog log,
      LatencyTable latencyTable,
      SimClock clock,
      Latency latency) {
    this.parent = parent;
    this.properties = properties;
    this.database = database;
    this.gate = gate;
    this.log = log;
    this.latencyTable = latencyTable;
    this.clock = clock;
    this.latency = latency;
    keys.addAll(List.of("user_1", "user_2", "user_3"));
    if (properties.getJournalDirectory().isBlank()) {
      try {
        temporaryJournal = Files.createTempDirectory("cachalot-simulator-journal-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a directory for the journal", e);
      }
      properties.setJournalDirectory(temporaryJournal.toString());
    } else {
      temporaryJournal = null;
    }
  }

  // ---------------------------------------------------------------- generations

  /** Starts the first generation, once the main context's beans exist. */
  @Override
  public void start() {
    versions.set(database.maxVersion());
    current = startGeneration(1);
  }

  /** Stops cleanly: flushes the write-behind buffer, then closes the generation's Cachalot. */
  @Override
  public void stop() {
    Generation generation = current;
    current = null;
    racers.shutdownNow();
    if (generation == null) {
      return;
    }
    try {
      CacheHandle buffer = generation.handle(Lane.WRITE_BEHIND);
      long pending = buffer.pendingWrites();
      buffer.flush();
      logger.info("stopping: flushed the " + pending + " pending write-behind writes");
    } catch (RuntimeException e) {
      logger.warn("the final flush of the write-behind buffer failed: " + e.getMessage());
    }
    generation.context.close();
    if (temporaryJournal != null) {
      deleteTree(temporaryJournal);
    }
  }

  private static void deleteTree(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      logger.warn("could not delete the journal directory " + directory + ": " + e.getMessage());
    }
  }

  @Override
  public boolean isRunning() {
    return current != null;
  }

  /** Before the web server starts, after it stopped. */
  @Override
  public int getPhase() {
    return 0;
  }

  private Generation startGeneration(int number) {
    Fence fence = new Fence(number);
    ObservedStore store = new ObservedStore(Tiers.store(properties, clock), latency, clock);
    BufferWatch buffer = new BufferWatch();
    CacheListener events = log.listener(number, fence::isClosed);
    CacheListener listener =
        event -> {
          buffer.onEvent(event);
          events.onEvent(event);
        };
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.setParent(parent);
    context.setDisplayName("Cachalot generation " + number);
    context.registerBean(Fence.class, () -> fence);
    context.registerBean(ObservedStore.class, () -> store);
    context.registerBean("simulatorListener", CacheListener.class, () -> listener);
    context.register(EngineConfiguration.class);
    context.refresh(); // creates the engines: the write-behind flusher starts its schedule
    buffer.started();
    Generation generation = new Generation(number, context, store, fence, buffer);
    log.say(
        number,
        "app",
        "generation " + number + " started",
        "a new Cachalot ("
            + generation.cachalot
            + ") decorated the three DAOs with "
            + generation.users(Lane.CACHE_ASIDE).getClass().getSimpleName()
            + ", "
            + generation.users(Lane.WRITE_THROUGH).getClass().getSimpleName()
            + ", "
            + generation.users(Lane.WRITE_BEHIND).getClass().getSimpleName());
    return generation;
  }

  Generation current() {
    Generation generation = current;
    if (generation == null) {
      throw new IllegalStateException("the simulator is stopped");
    }
    return generation;
  }

  // ---------------------------------------------------------------- operations

  /** Reads {@code key} through {@code lane}'s decorated DAO. */
  Outcome read(Lane lane, String key) {
    checkKey(key);
    Generation generation = current();
    Run<Optional<User>> run = run(() -> generation.users(lane).find(key));
    String outcome;
    if (!run.ok()) {
      outcome = "failed";
    } else {
      boolean missed = run.scope().has(CacheEvent.Kind.MISS);
      outcome =
          (missed ? "miss" : "hit")
              + " → "
              + run.value().map(JdbcUsers::describe).orElse(key + " not found");
      if (!missed) {
        latencyTable.record(LatencyTable.Figure.HIT, run.ms());
      } else if (lane == Lane.CACHE_ASIDE) {
        latencyTable.record(LatencyTable.Figure.CACHE_ASIDE_MISS, run.ms());
      }
    }
    return outcome(
        generation, lane, "read " + key, outcome, run, run.ok() ? run.value().orElse(null) : null);
  }

  /**
   * Writes {@code key} through {@code lane}'s decorated DAO, with {@code name} or a made-up one.
   */
  Outcome write(Lane lane, String key, String name) {
    checkKey(key);
    Generation generation = current();
    User user =
        new User(
            key,
            name == null || name.isBlank() ? nameFor(key) : name.strip(),
            versions.incrementAndGet());
    Run<Void> run =
        run(
            () -> {
              generation.users(lane).save(user);
              return null;
            });
    if (run.ok()) {
      latencyTable.record(writeFigure(lane), run.ms());
      if (lane == Lane.WRITE_BEHIND) {
        generation.buffer.acknowledged(key, user);
      }
    }
    String outcome =
        !run.ok()
            ? "failed"
            : lane == Lane.WRITE_BEHIND
                ? "acknowledged, buffered"
                : lane == Lane.WRITE_THROUGH ? "in the database and the cache" : "in the database";
    return outcome(generation, lane, "write " + JdbcUsers.describe(user), outcome, run, user);
  }

  /** Deletes {@code key} through {@code lane}'s decorated DAO. */
  Outcome delete(Lane lane, String key) {
    checkKey(key);
    Generation generation = current();
    Run<Void> run =
        run(
            () -> {
              generation.users(lane).delete(key);
              return null;
            });
    if (run.ok() && lane == Lane.WRITE_BEHIND) {
      generation.buffer.acknowledged(key, null);
    }
    String outcome =
        !run.ok() ? "failed" : lane == Lane.WRITE_BEHIND ? "acknowledged, buffered" : "deleted";
    return outcome(generation, lane, "delete " + key, outcome, run, null);
  }

  /** Flushes the write-behind buffer now. */
  Outcome flush() {
    Generation generation = current();
    CacheHandle handle = generation.handle(Lane.WRITE_BEHIND);
    long before = handle.pendingWrites();
    Run<Void> run =
        run(
            () -> {
              generation.buffer.explicitFlush(handle::flush);
              return null;
            });
    String outcome =
        run.ok()
            ? before + (before == 1 ? " pending write" : " pending writes") + " written"
            : handle.pendingWrites() + " still pending";
    return outcome(generation, Lane.WRITE_BEHIND, "flush now", outcome, run, null);
  }

  /** Adds a key to the page's rows. */
  void addKey(String key) {
    checkKey(key);
    synchronized (keys) {
      keys.add(key);
    }
  }

  List<String> keys() {
    Set<String> all;
    synchronized (keys) {
      all = new LinkedHashSet<>(keys);
    }
    Generation generation = current;
    for (Lane lane : Lane.values()) {
      database.rows(lane).forEach(row -> all.add(row.id()));
      if (generation != null) {
        generation.store.entries(lane.id).forEach(entry -> all.add(entry.key()));
      }
    }
    return List.copyOf(all);
  }

  // ---------------------------------------------------------------- traps

  /**
   * Races a cache-aside write against a fill of {@code key}: a read misses and loads the row, and
   * is held (by the DAO's {@link RaceGate}) while a write changes the row and invalidates the key;
   * then the read fills what it loaded, the old row, and Cachalot rejects the fill.
   */
  RaceReport race(String key) throws InterruptedException {
    checkKey(key);
    Generation generation = current();
    Lane lane = Lane.CACHE_ASIDE;
    if (database.isFailing()) {
      throw new IllegalStateException(
          "the race needs a working database: switch \"fail the database\" off first");
    }
    User before =
        database
            .row(lane, key)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the race needs a row to load: "
                            + key
                            + " has none in cache-aside; write it first"));
    log.say(
        generation.number,
        "trap",
        "race a write against a fill of " + key,
        "1. evict " + key + " so that the next read misses");
    Run<Void> evict =
        run(
            () -> {
              generation.cacheAside().evict(key);
              return null;
            });
    outcome(generation, lane, "evict " + key, "not cached", evict, null);
    RaceGate.Race race = gate.arm(key);
    CompletableFuture<Run<Optional<User>>> reader =
        CompletableFuture.supplyAsync(() -> run(() -> generation.cacheAside().find(key)), racers);
    boolean loaded = false;
    try {
      loaded = race.awaitLoaded();
    } finally {
      if (!loaded) {
        gate.disarm(race);
      }
    }
    if (!loaded) {
      throw new IllegalStateException("the racing read of " + key + " never loaded its row");
    }
    log.say(
        generation.number,
        "trap",
        "race: the read loaded " + JdbcUsers.describe(before),
        "2. it is held before its fill; now a write changes the row");
    User written = new User(key, nameFor(key) + " (raced)", versions.incrementAndGet());
    Run<Void> write;
    try {
      write =
          run(
              () -> {
                generation.cacheAside().save(written);
                return null;
              });
    } finally {
      race.release();
    }
    outcome(
        generation,
        lane,
        "racing write " + JdbcUsers.describe(written),
        write.ok() ? "in the database, key invalidated" : "failed",
        write,
        written);
    Run<Optional<User>> read;
    try {
      read = reader.get(RaceGate.HOLD_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the racing read did not finish: " + e, e);
    }
    boolean rejected = read.scope().has(CacheEvent.Kind.STALE_FILL_REJECTED);
    outcome(
        generation,
        lane,
        "racing read " + key,
        rejected ? "returned its old row; its fill was rejected" : "filled",
        read,
        read.ok() ? read.value().orElse(null) : null);
    User cached = cached(generation, lane, key);
    User row = database.row(lane, key).orElse(null);
    String summary =
        rejected
            ? "STALE_FILL_REJECTED: the read loaded "
                + JdbcUsers.describe(before)
                + " before the write of "
                + JdbcUsers.describe(written)
                + " and tried to fill it after the write invalidated the key. Cachalot rejected the fill, so the cache holds "
                + (cached == null ? "nothing" : JdbcUsers.describe(cached))
                + " for "
                + key
                + ", not the old row; the next read loads v"
                + written.version()
                + ". Without the version check the old row would have stayed cached for the TTL (60 s)."
            : "the fill was not rejected (the write failed?): the cache holds "
                + (cached == null ? "nothing" : JdbcUsers.describe(cached));
    log.say(generation.number, "trap", "race finished", "3. " + summary);
    RaceReport report =
        new RaceReport(
            key,
            read.ok() ? read.value().orElse(null) : null,
            written,
            rejected,
            cached,
            row,
            summary);
    lastRace = report;
    return report;
  }

  /** Switches the database's failure on or off; returns whether it is failing now. */
  boolean failDatabase(boolean failing) {
    database.setFailing(failing);
    log.say(
        current().number,
        "trap",
        failing ? "the database is down" : "the database is back",
        failing
            ? "every statement fails: write-through writes fail and their callers see it, cache-aside and"
                + " write-through misses fail, hits still answer; write-behind keeps acknowledging,"
                + " retries with backoff (WRITE_STILL_FAILING after 3 attempts), and a full buffer"
                + " (4 keys) blocks the next new key for 2 s, then refuses it"
            : "statements run again; the write-behind retries drain the buffer at their next attempt"
                + " (or click flush now)");
    return database.isFailing();
  }

  /**
   * Crashes the app in-process: the current generation's DAOs are fenced off the database, its
   * Cachalot is abandoned (closed with a zero close timeout, without flushing), and a fresh
   * generation starts. Reports the acknowledged writes that never reached the database.
   */
  synchronized CrashReport crash() {
    Generation old = current();
    long pending = old.handle(Lane.WRITE_BEHIND).pendingWrites();
    old.fence.close();
    List<BufferWatch.Pending> lost = old.buffer.pending(database);
    String abandoned;
    try {
      old.cachalot.close();
      abandoned =
          pending == 0
              ? "nothing was pending"
              : pending
                  + (pending == 1 ? " write" : " writes")
                  + " left in the journal by close(), not abandoned";
    } catch (WriteBehindException e) {
      abandoned =
          e.unwritten() + (e.unwritten() == 1 ? " write" : " writes") + " abandoned by close()";
    } catch (RuntimeException e) {
      abandoned = "close failed: " + e.getMessage();
    }
    old.context.close();
    Generation next = startGeneration(old.number + 1);
    current = next;
    long recovered = next.handle(Lane.WRITE_BEHIND).stats().recoveredWrites();
    String durability = Tiers.afterCrash(properties, lost.size(), recovered);
    String caches = Tiers.cachesAfterCrash(properties);
    String summary =
        lost.isEmpty()
            ? "generation "
                + old.number
                + " crashed with an empty write-behind buffer: nothing lost."
            : "generation "
                + old.number
                + " crashed with "
                + lost.size()
                + (lost.size() == 1 ? " acknowledged write" : " acknowledged writes")
                + " the database did not have yet: "
                + lost.stream()
                    .map(
                        p ->
                            p.value() == null ? "delete " + p.key() : JdbcUsers.describe(p.value()))
                    .collect(Collectors.joining(", "))
                + ".";
    log.say(
        old.number,
        "trap",
        "crash: generation " + old.number + " abandoned",
        summary + " " + durability + " " + caches);
    CrashReport report =
        new CrashReport(
            old.number, next.number, pending, lost, abandoned, durability, caches, summary);
    lastCrash = report;
    return report;
  }

  /**
   * Switches the write-behind durability (memory or journal): the running generation stops cleanly
   * (its buffer flushed) and a new one starts with the other mode. Returns the mode now in effect.
   */
  synchronized SimulatorProperties.Durability switchDurability(
      SimulatorProperties.Durability durability) {
    Generation old = current();
    if (properties.getDurability() == durability) {
      return durability;
    }
    CacheHandle buffer = old.handle(Lane.WRITE_BEHIND);
    try {
      buffer.flush();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the write-behind buffer could not be flushed before switching (" + e.getMessage() + ")",
          e);
    }
    old.context.close();
    properties.setDurability(durability);
    current = startGeneration(old.number + 1);
    log.say(
        current.number,
        "app",
        "durability: " + durability.name().toLowerCase(Locale.ROOT),
        durability == SimulatorProperties.Durability.JOURNAL
            ? "write-behind writes are now kept in the local journal "
                + properties.getJournalDirectory()
                + " (fsync before each write returns) until the database has them"
            : "write-behind writes now live in the heap only until they are flushed");
    return durability;
  }

  /** Moves the TTL clock forward; reports the entries that expired. */
  ClockReport advance(Duration amount) {
    Generation generation = current();
    Set<String> before = cachedKeys(generation);
    clock.advance(amount);
    Set<String> after = cachedKeys(generation);
    before.removeAll(after);
    List<String> expired = List.copyOf(before);
    log.say(
        generation.number,
        "trap",
        "advance time +" + amount.toSeconds() + " s",
        expired.isEmpty() ? "no entry expired" : "expired: " + String.join(", ", expired));
    return new ClockReport(amount.toSeconds(), clock.advanced().toSeconds(), expired);
  }

  /** Changes the simulated latencies, returning them; the measurements start over. */
  Latency.Settings setLatency(Latency.Settings settings) {
    latency.set(settings);
    latencyTable.reset();
    log.say(
        current().number,
        "app",
        "latency changed",
        settings.enabled()
            ? "cache GET "
                + settings.cacheGetMs()
                + " ms, SET "
                + settings.cacheSetMs()
                + " ms, DEL "
                + settings.cacheDeleteMs()
                + " ms; database read "
                + settings.dbReadMs()
                + " ms, write "
                + settings.dbWriteMs()
                + " ms"
            : "no simulated latency");
    return latency.settings();
  }

  /** What the page shows now, with the newest {@code logEntries} entries of the log. */
  SimulatorState state(int logEntries) {
    return SimulatorState.of(
        current(),
        properties,
        database,
        latency,
        clock,
        latencyTable,
        keys(),
        log.newest(logEntries),
        lastRace,
        lastCrash);
  }

  // ---------------------------------------------------------------- helpers

  private <T> Run<T> run(Supplier<T> call) {
    Scope scope = log.open();
    long start = System.nanoTime();
    try {
      T value = call.get();
      return new Run<>(value, null, OperationLog.millis(System.nanoTime() - start), scope);
    } catch (RuntimeException e) {
      return new Run<>(null, e, OperationLog.millis(System.nanoTime() - start), scope);
    } finally {
      log.close();
    }
  }

  private Outcome outcome(
      Generation generation, Lane lane, String title, String outcome, Run<?> run, User value) {
    Entry entry =
        log.add(
            generation.number,
            lane.id,
            "you",
            title,
            outcome,
            run.ms(),
            run.ok() ? null : message(run.error()),
            run.scope().steps());
    return new Outcome(run.ok(), value, entry);
  }

  private static String message(Throwable error) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = error; t != null && messages.size() < 3; t = t.getCause()) {
      String own = String.valueOf(t.getMessage());
      String text = t.getClass().getSimpleName() + ": " + own;
      if (messages.stream().noneMatch(m -> m.contains(own))) {
        messages.add(text);
      }
    }
    return String.join(" ← ", messages);
  }

  private static LatencyTable.Figure writeFigure(Lane lane) {
    return switch (lane) {
      case CACHE_ASIDE -> LatencyTable.Figure.CACHE_ASIDE_WRITE;
      case WRITE_THROUGH -> LatencyTable.Figure.WRITE_THROUGH_WRITE;
      case WRITE_BEHIND -> LatencyTable.Figure.WRITE_BEHIND_WRITE;
    };
  }

  private String nameFor(String key) {
    String base = SEEDED.get(key);
    if (base == null) {
      int index = keys().indexOf(key);
      base = NAMES[Math.floorMod(index < 0 ? key.hashCode() : index, NAMES.length)];
    }
    int n = writesPerKey.computeIfAbsent(key, k -> new AtomicInteger(1)).incrementAndGet();
    return base + " #" + n;
  }

  private static User cached(Generation generation, Lane lane, String key) {
    return generation.store.entries(lane.id).stream()
        .filter(entry -> entry.key().equals(key))
        .map(entry -> entry.value() instanceof User user ? user : null)
        .findFirst()
        .orElse(null);
  }

  private static Set<String> cachedKeys(Generation generation) {
    Set<String> cached = new LinkedHashSet<>();
    for (Lane lane : Lane.values()) {
      generation.store.entries(lane.id).forEach(entry -> cached.add(lane.id + " " + entry.key()));
    }
    return cached;
  }

  private static void checkKey(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "a key is 1 to 32 letters, digits, '_' or '-', not '" + key + "'");
    }
  }
}
