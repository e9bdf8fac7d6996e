package dev.cachalot;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cachalot.annotations.Strategy;
import dev.cachalot.internal.BatchWrite;
import dev.cachalot.internal.CacheAsideEngine;
import dev.cachalot.internal.CacheDeclaration;
import dev.cachalot.internal.CompositeKey;
import dev.cachalot.internal.DecoratorContext;
import dev.cachalot.internal.InvalidationTarget;
import dev.cachalot.internal.WriteBehindEngine;
import dev.cachalot.internal.WriteThroughEngine;
import dev.cachalot.reflect.RuntimeDecorators;
import dev.cachalot.rules.DecoratorNames;
import dev.cachalot.store.CaffeineStore;
import dev.cachalot.store.EntryCodec;
import dev.cachalot.store.JournalSync;
import dev.cachalot.store.LocalJournal;
import dev.cachalot.store.Store;
import dev.cachalot.store.WriteBehindLog;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of Cachalot: decorates DAO interfaces with their generated caching decorators and
 * holds the named caches, their strategy engines and the store they share.
 *
 * <pre>{@code
 * Cachalot cachalot = Cachalot.inMemory();
 * ProductDao dao = cachalot.decorate(ProductDao.class, new JdbcProductDao(dataSource));
 * cachalot.cache("products").stats();
 * cachalot.close(); // flushes every write-behind buffer, then releases everything
 * }</pre>
 *
 * <p>Thread-safe, and meant to live as long as the application. {@link #decorate} blocks only while
 * a store opens a new cache; {@link #close()} blocks while it flushes the write-behind buffers (at
 * most the {@linkplain Builder#closeTimeout close timeout}).
 */
public final class Cachalot implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Cachalot.class);

  private static final ClassValue<Optional<Constructor<?>>> GENERATED_DECORATORS =
      new ClassValue<>() {
        @Override
        protected Optional<Constructor<?>> computeValue(Class<?> daoInterface) {
          return findGeneratedDecorator(daoInterface);
        }
      };

  private final Store store;
  private final EngineContext context;
  private final Lifecycle lifecycle = new Lifecycle();
  private final Duration closeTimeout;
  private final boolean requireGenerated;
  private final boolean useGeneratedDecorators;
  private final boolean shutdownHook;

  /** Flushes write-behind buffers when the JVM exits before close(); set with the first one. */
  @GuardedBy("lock")
  private Thread exitFlush;

  private final ConcurrentHashMap<String, AbstractEngine<?, ?>> engines = new ConcurrentHashMap<>();

  /** Guards the creation of engines, the merge of declarations, and {@link #close()}. */
  private final Object lock = new Object();

  /** Called with each new cache; see {@link #onCacheCreated}. */
  private final List<Consumer<CacheHandle>> cacheCreated = new CopyOnWriteArrayList<>();

  /** Every declaration of every cache, merged; not thread-safe. */
  @GuardedBy("lock")
  private final Declarations declarations = new Declarations();

  /** The durable log of the write-behind caches without one of their own; null for none. */
  private final WriteBehindLog writeBehindLog;

  /** The durable logs given for single caches. */
  private final Map<String, WriteBehindLog> cacheLogs;

  /** The write-behind caches kept in the heap although there is a {@link #writeBehindLog}. */
  private final Set<String> inMemoryCaches;

  /** The codec of the durable logs; null when there is none. */
  private final EntryCodec codec;

  private Cachalot(Builder builder) {
    this.store = builder.store != null ? builder.store : CaffeineStore.create();
    this.context =
        new EngineContext(
            new Events(builder.listeners),
            lifecycle,
            builder.ttlJitter,
            builder.random,
            builder.retryBackoff,
            builder.writeBehindFullTimeout,
            builder.stillFailingAfter);
    this.closeTimeout = builder.closeTimeout;
    this.requireGenerated = builder.requireGenerated;
    this.useGeneratedDecorators = builder.useGeneratedDecorators;
    this.shutdownHook = builder.shutdownHook;
    this.writeBehindLog =
        builder.journal != null ? LocalJournal.at(builder.journal).open() : builder.writeBehindLog;
    this.cacheLogs = Map.copyOf(builder.cacheLogs);
    this.inMemoryCaches = Set.copyOf(builder.inMemoryCaches);
    boolean durable = writeBehindLog != null || !cacheLogs.isEmpty();
    try {
      this.codec = durable ? codecFor(builder.codec) : builder.codec;
    } catch (RuntimeException e) {
      // The Cachalot owns the logs it was given: one that cannot start releases them (a journal's
      // lock), so that a corrected build() in the same JVM can open them again.
      closeLogs(e);
      throw e;
    }
  }

  /** Closes every durable log; a failure is added to {@code failure}, or returned. */
  private RuntimeException closeLogs(RuntimeException failure) {
    Set<WriteBehindLog> logs = Collections.newSetFromMap(new IdentityHashMap<>());
    if (writeBehindLog != null) {
      logs.add(writeBehindLog);
    }
    logs.addAll(cacheLogs.values());
    RuntimeException first = failure;
    for (WriteBehindLog writeLog : logs) {
      try {
        writeLog.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    return first;
  }

  /**
   * The codec of the write-behind logs: the one the builder was given, else the one on the class
   * path ({@code cachalot-redis}'s JsonCodec provides itself as a service).
   */
  private static EntryCodec codecFor(EntryCodec given) {
    if (given != null) {
      return given;
    }
    List<EntryCodec> found = new ArrayList<>();
    ServiceLoader.load(EntryCodec.class, Cachalot.class.getClassLoader()).forEach(found::add);
    if (found.isEmpty()) {
      throw new CachalotException(
          "a durable write-behind log needs an EntryCodec to write keys and values, and none is"
              + " on the class path: add the dependency dev.cachalot:cachalot-redis (its JsonCodec"
              + " provides itself), or give one with Cachalot.builder().codec(...)");
    }
    if (found.size() > 1) {
      List<String> names = new ArrayList<>();
      found.forEach(codec -> names.add(codec.getClass().getName()));
      throw new CachalotException(
          "a durable write-behind log needs one EntryCodec, and the class path provides "
              + found.size()
              + " ("
              + String.join(", ", names)
              + "): choose one with Cachalot.builder().codec(...)");
    }
    return found.get(0);
  }

  /** The durable log of the write-behind cache {@code cache}, or null (in the heap only). */
  private WriteBehindLog logOf(String cache) {
    if (inMemoryCaches.contains(cache)) {
      return null;
    }
    WriteBehindLog log = cacheLogs.get(cache);
    return log != null ? log : writeBehindLog;
  }

  /** A {@link Cachalot} on the in-process {@link CaffeineStore}, with the default settings. */
  public static Cachalot inMemory() {
    return builder().build();
  }

  /** Starts configuring a {@link Cachalot}. */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- decorate

  /**
   * Wraps {@code delegate} in the decorator the annotation processor generated for {@code
   * daoInterface} ({@code com.acme.CachedProductDao} for {@code com.acme.ProductDao}; {@code
   * com.acme.CachedOuter_Inner} for the nested {@code com.acme.Outer.Inner}), found by name without
   * scanning the class path; or, when the processor did not run for it, in an equivalent decorator
   * built at run time (logging one warning per interface).
   *
   * <p>The decorator declares the caches its annotations use. A cache that an earlier decorator
   * declared is shared; a setting this decorator gives that the earlier ones did not (a {@code
   * ttl}, a {@code flushMillis}) applies to the cache from now on, and a changed TTL empties it, as
   * its entries were put with the old one.
   *
   * @throws IllegalArgumentException when {@code daoInterface} is not an interface, or {@code
   *     delegate} does not implement it
   * @throws CachalotException when the interface breaks one of Cachalot's rules (the message names
   *     every problem, as the processor would), when a cache it declares conflicts with what an
   *     earlier decorator declared, or, with {@link Builder#requireGenerated}, when no decorator
   *     was generated for it
   */
  public <T> T decorate(Class<T> daoInterface, T delegate) {
    Objects.requireNonNull(daoInterface, "daoInterface");
    if (!daoInterface.isInterface()) {
      throw new IllegalArgumentException(
          daoInterface.getName() + " is not an interface; Cachalot decorates DAO interfaces only");
    }
    Objects.requireNonNull(
        delegate, () -> "the delegate " + daoInterface.getName() + " to decorate is null");
    if (!daoInterface.isInstance(delegate)) {
      throw new IllegalArgumentException(
          "the delegate " + delegate.getClass().getName() + " does not implement " + daoInterface);
    }
    lifecycle.checkOpen(null);
    DecoratorContext caches = contextFor(daoInterface);
    Optional<Constructor<?>> generated =
        useGeneratedDecorators ? GENERATED_DECORATORS.get(daoInterface) : Optional.empty();
    if (generated.isEmpty()) {
      return decorateWithoutGeneratedClass(daoInterface, delegate, caches);
    }
    try {
      return daoInterface.cast(generated.get().newInstance(delegate, caches));
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new CachalotException(
          "the decorator " + generatedName(daoInterface) + " failed to start: " + cause, cause);
    } catch (ReflectiveOperationException e) {
      throw new CachalotException(
          "the decorator " + generatedName(daoInterface) + " cannot be created: " + e, e);
    }
  }

  /**
   * Decorates an interface the processor did not run for: with a decorator built at run time from
   * the same annotations and rules, or, with {@link Builder#requireGenerated}, not at all.
   */
  private <T> T decorateWithoutGeneratedClass(
      Class<T> daoInterface, T delegate, DecoratorContext caches) {
    if (requireGenerated) {
      throw new CachalotException(
          "the decorator "
              + generatedName(daoInterface)
              + " was not generated for "
              + daoInterface.getName()
              + " (so "
              + delegate.getClass().getName()
              + " cannot be decorated): the Cachalot annotation processor did not run, and this"
              + " Cachalot requires generated decorators. Add dev.cachalot:cachalot-processor to"
              + " the annotationProcessorPaths of the maven-compiler-plugin (or to the"
              + " annotationProcessor configuration in Gradle) and rebuild.");
    }
    return RuntimeDecorators.decorate(daoInterface, delegate, caches, useGeneratedDecorators);
  }

  private static Optional<Constructor<?>> findGeneratedDecorator(Class<?> daoInterface) {
    String name = generatedName(daoInterface);
    Class<?> decorator;
    try {
      decorator = Class.forName(name, false, daoInterface.getClassLoader());
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
    if (!daoInterface.isAssignableFrom(decorator)) {
      throw new CachalotException(
          "the class "
              + name
              + " does not implement "
              + daoInterface.getName()
              + "; it is not"
              + " the Cachalot decorator of that interface. Rename it, or let the processor"
              + " generate it.");
    }
    try {
      return Optional.of(decorator.getConstructor(daoInterface, DecoratorContext.class));
    } catch (NoSuchMethodException e) {
      throw new CachalotException(
          "the decorator "
              + name
              + " has no public constructor ("
              + daoInterface.getSimpleName()
              + ", DecoratorContext); it was generated by an incompatible version of"
              + " cachalot-processor: rebuild with the cachalot-processor of the same version as"
              + " cachalot-runtime",
          e);
    }
  }

  /** The name of the decorator generated for {@code daoInterface}. */
  static String generatedName(Class<?> daoInterface) {
    List<String> enclosing = new ArrayList<>();
    for (Class<?> outer = daoInterface.getEnclosingClass();
        outer != null;
        outer = outer.getEnclosingClass()) {
      enclosing.add(0, outer.getSimpleName());
    }
    return DecoratorNames.decoratorName(
        daoInterface.getPackageName(), enclosing, daoInterface.getSimpleName());
  }

  // ---------------------------------------------------------------- caches

  /**
   * The handle of the cache called {@code name}.
   *
   * @throws CachalotException when no decorator declared that cache; the message names the known
   *     caches
   */
  public CacheHandle cache(String name) {
    AbstractEngine<?, ?> engine = engines.get(Objects.requireNonNull(name, "name"));
    if (engine == null) {
      throw new CachalotException(
          "there is no cache '"
              + name
              + "'; the caches are "
              + new TreeSet<>(engines.keySet())
              + " (a cache exists once a decorator that declares it was created)");
    }
    return engine.handle();
  }

  /** The handles of every cache, ordered by name. */
  public Collection<CacheHandle> caches() {
    List<AbstractEngine<?, ?>> all = new ArrayList<>(engines.values());
    all.sort(Comparator.comparing(AbstractEngine::name));
    List<CacheHandle> handles = new ArrayList<>(all.size());
    for (AbstractEngine<?, ?> engine : all) {
      handles.add(engine.handle());
    }
    return List.copyOf(handles);
  }

  /**
   * Calls {@code action} with the handle of every cache this Cachalot has, now, and then with the
   * handle of each cache it creates later (when the first decorator that declares the cache is
   * created), for integrations that follow the caches, such as a metrics binder. The action runs on
   * the thread that creates the cache while this Cachalot holds the lock that creates caches: it
   * must be quick and must not decorate. An action that throws is logged and otherwise ignored.
   * Thread-safe.
   */
  public void onCacheCreated(Consumer<CacheHandle> action) {
    Objects.requireNonNull(action, "action");
    synchronized (lock) {
      cacheCreated.add(action);
      for (CacheHandle handle : caches()) {
        announce(action, handle);
      }
    }
  }

  private static void announce(Consumer<CacheHandle> action, CacheHandle handle) {
    try {
      action.accept(handle);
    } catch (RuntimeException e) {
      log.warn("an onCacheCreated action failed for cache '{}'", handle.name(), e);
    }
  }

  // ---------------------------------------------------------------- engines

  /**
   * The engine of the cache {@code declaration} declares, created on first use; the declaration is
   * merged with those made before.
   */
  private <K, V, E extends AbstractEngine<K, V>> E engine(
      Strategy strategy,
      CacheDeclaration<K, V> declaration,
      Class<?> dao,
      Function<CacheSpec, E> create) {
    Objects.requireNonNull(declaration, "declaration");
    synchronized (lock) {
      lifecycle.checkOpen(declaration.name());
      CacheSpec merged = declarations.declare(strategy, declaration, dao, context.ttlJitter());
      AbstractEngine<?, ?> existing = engines.get(declaration.name());
      if (existing == null) {
        E created = create.apply(merged);
        engines.put(declaration.name(), created);
        for (Consumer<CacheHandle> action : cacheCreated) {
          announce(action, created.handle());
        }
        return created;
      }
      if (!existing.spec.equals(merged)) {
        existing.reconfigure(merged);
      }
      @SuppressWarnings("unchecked") // the declarations agreed on strategy, key and value types
      E same = (E) existing;
      return same;
    }
  }

  private <K, V> DefaultWriteBehindEngine<K, V> writeBehindEngine(
      CacheDeclaration<K, V> declaration, Class<?> dao) {
    synchronized (lock) {
      registerExitFlush();
    }
    return engine(
        Strategy.WRITE_BEHIND,
        declaration,
        dao,
        spec -> {
          DefaultWriteBehindEngine<K, V> engine =
              new DefaultWriteBehindEngine<>(context, spec, store, logOf(spec.name()), codec);
          engine.start();
          return engine;
        });
  }

  /**
   * Registers, once, the shutdown hook that flushes the write-behind buffers when the JVM exits
   * normally before {@link #close()} (its flusher threads are daemons, so nothing else would).
   */
  @GuardedBy("lock")
  private void registerExitFlush() {
    if (!shutdownHook || exitFlush != null) {
      return;
    }
    exitFlush = new Thread(this::closeAtExit, "cachalot-exit-flush");
    try {
      Runtime.getRuntime().addShutdownHook(exitFlush);
    } catch (IllegalStateException exiting) {
      exitFlush = null; // the JVM is already exiting: close() is the application's to call
    }
  }

  /** The shutdown hook: close() on behalf of an application that exits without it. */
  private void closeAtExit() {
    if (lifecycle.isClosed()) {
      return;
    }
    long pending = 0;
    List<String> caches = new ArrayList<>();
    for (AbstractEngine<?, ?> engine : engines.values()) {
      if (engine.pendingWrites() > 0) {
        pending += engine.pendingWrites();
        caches.add(engine.name() + " " + engine.pendingWrites());
      }
    }
    log.info(
        "the JVM exits and Cachalot was not closed: flushing {} pending write-behind writes ({})"
            + " within {}",
        pending,
        caches,
        closeTimeout);
    try {
      close();
      log.info("flushed the {} pending write-behind writes at JVM exit", pending);
    } catch (WriteBehindException e) {
      log.error("at JVM exit, {}", e.getMessage(), e);
    } catch (RuntimeException e) {
      log.error("closing Cachalot at JVM exit failed", e);
    }
  }

  /** The caches of this Cachalot as a decorator of {@code dao} sees them. */
  DecoratorContext contextFor(Class<?> dao) {
    return new Context(dao);
  }

  /** The caches of this Cachalot as one decorator of {@code dao} sees them. */
  private final class Context implements DecoratorContext {
    private final Class<?> dao;

    Context(Class<?> dao) {
      this.dao = dao;
    }

    @Override
    public <K, V> CacheAsideEngine<K, V> cacheAside(CacheDeclaration<K, V> declaration) {
      return engine(
          Strategy.CACHE_ASIDE,
          declaration,
          dao,
          spec -> new DefaultCacheAsideEngine<K, V>(context, spec, store));
    }

    @Override
    public <K, V> WriteThroughEngine<K, V> writeThrough(CacheDeclaration<K, V> declaration) {
      return engine(
          Strategy.WRITE_THROUGH,
          declaration,
          dao,
          spec -> new DefaultWriteThroughEngine<K, V>(context, spec, store));
    }

    @Override
    public <K, V> WriteBehindEngine<K, V> writeBehind(CacheDeclaration<K, V> declaration) {
      return writeBehindEngine(declaration, dao).view(null);
    }

    @Override
    public <K, V> WriteBehindEngine<K, V> writeBehind(
        CacheDeclaration<K, V> declaration, BatchWrite<V> batch) {
      return writeBehindEngine(declaration, dao).view(Objects.requireNonNull(batch, "batch"));
    }

    @Override
    public InvalidationTarget invalidationTarget(String cache) {
      Objects.requireNonNull(cache, "cache");
      return new InvalidationTarget() {
        @Override
        public void invalidate(Object key) {
          CompositeKey.requireKey(cache, key);
          lifecycle.checkOpen(cache);
          AbstractEngine<?, ?> engine = engines.get(cache);
          if (engine != null) {
            engine.invalidateUnchecked(key);
          }
        }

        @Override
        public void invalidateAll() {
          lifecycle.checkOpen(cache);
          AbstractEngine<?, ?> engine = engines.get(cache);
          if (engine != null) {
            engine.invalidateAll();
          }
        }

        @Override
        public String toString() {
          return "invalidation of cache '" + cache + "'";
        }
      };
    }

    @Override
    public String toString() {
      return "the caches of " + Cachalot.this + " for " + dao.getName();
    }
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Closes this {@link Cachalot}: stops accepting writes, flushes every write-behind buffer (for at
   * most the {@linkplain Builder#closeTimeout close timeout}: one attempt at every pending write,
   * then retries of the failed ones with their backoff), stops the flusher threads and closes the
   * store. Idempotent; blocks for the final flush. Afterwards every engine call throws a {@link
   * CachalotException} ("Cachalot is closed").
   *
   * <p>A cache with a {@linkplain Builder#writeBehindLog(WriteBehindLog) durable log} gives up
   * nothing: what close could not write stays in the log (a warning says how many), to be written
   * when the cache is created again, and the log is closed (a local journal unlocked) once the
   * flusher's last database call returned.
   *
   * @throws WriteBehindException when some write-behind writes of caches without a durable log
   *     could not be written before the timeout; its message names the caches, their counts and
   *     keys, and the first failure. Everything is released all the same, and the listeners heard a
   *     {@link CacheEvent.Kind#WRITE_ABANDONED} for each (with its last error and attempt count)
   */
  @Override
  public void close() {
    List<AbstractEngine<?, ?>> all;
    synchronized (lock) {
      if (lifecycle.isClosed()) {
        return;
      }
      lifecycle.close();
      all = new ArrayList<>(engines.values());
      if (exitFlush != null && Thread.currentThread() != exitFlush) {
        try {
          Runtime.getRuntime().removeShutdownHook(exitFlush);
        } catch (IllegalStateException exiting) {
          // The JVM is exiting and the hook runs or ran: this close() flushes all the same.
        }
      }
    }
    long deadline = System.nanoTime() + Time.nanos(closeTimeout);
    List<DefaultWriteBehindEngine<?, ?>> writeBehind = new ArrayList<>();
    List<Future<?>> drains = new ArrayList<>();
    for (AbstractEngine<?, ?> engine : all) {
      if (engine instanceof DefaultWriteBehindEngine<?, ?> behind) {
        writeBehind.add(behind);
        drains.add(behind.startClosing(deadline));
      }
    }
    List<DefaultWriteBehindEngine.Abandoned> abandoned = new ArrayList<>();
    for (int i = 0; i < writeBehind.size(); i++) {
      DefaultWriteBehindEngine.Abandoned left =
          writeBehind.get(i).finishClosing(drains.get(i), deadline);
      if (left.count() > 0) {
        abandoned.add(left);
      }
    }
    RuntimeException storeFailure = null;
    try {
      store.close();
    } catch (RuntimeException e) {
      storeFailure = e;
    }
    storeFailure = closeLogs(storeFailure);
    if (!abandoned.isEmpty()) {
      long total = 0;
      Throwable cause = null;
      List<Object> keys = new ArrayList<>();
      StringBuilder detail = new StringBuilder();
      for (DefaultWriteBehindEngine.Abandoned left : abandoned) {
        total += left.count();
        cause = cause != null ? cause : left.error();
        keys.addAll(left.keys());
        detail.append(detail.length() == 0 ? "" : ", ");
        detail
            .append("cache '")
            .append(left.cache())
            .append("': ")
            .append(left.count())
            .append(left.count() == 1 ? " write, key " : " writes, keys ")
            .append(KeyLists.describe(left.keys(), left.count()));
      }
      WriteBehindException failure =
          new WriteBehindException(
              "Cachalot closed with "
                  + total
                  + " write-behind writes not written to the database within "
                  + closeTimeout
                  + " ("
                  + detail
                  + ")"
                  + (cause == null ? "" : "; first failure: " + cause),
              total,
              keys,
              cause);
      if (storeFailure != null) {
        failure.addSuppressed(storeFailure);
      }
      throw failure;
    }
    if (storeFailure != null) {
      throw new CachalotException(
          "Cachalot closed, but the store or a write-behind log failed to close: " + storeFailure,
          storeFailure);
    }
  }

  @Override
  public String toString() {
    return "Cachalot" + new TreeSet<>(engines.keySet()) + (lifecycle.isClosed() ? " (closed)" : "");
  }

  /** Configures a {@link Cachalot}. Not thread-safe. */
  public static final class Builder {
    private Store store;
    private final List<CacheListener> listeners = new ArrayList<>();
    private boolean requireGenerated;
    private boolean useGeneratedDecorators = true;
    private boolean shutdownHook = true;
    private Duration writeBehindFullTimeout = Duration.ofSeconds(10);
    private Duration closeTimeout = Duration.ofSeconds(30);
    private double ttlJitter;
    private Backoff retryBackoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));
    private int stillFailingAfter = 5;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private WriteBehindLog writeBehindLog;
    private Path journal;
    private final Map<String, WriteBehindLog> cacheLogs = new HashMap<>();
    private final Set<String> inMemoryCaches = new HashSet<>();
    private EntryCodec codec;

    private Builder() {}

    /**
     * Where every write-behind cache keeps the writes it acknowledged until the database has them,
     * so that they survive the process: a {@link LocalJournal} (see {@link #journal}), the Redis
     * Stream of {@code cachalot-redis}, or your own {@link WriteBehindLog}. By default there is
     * none, and the writes live in the heap only (which survives a failing database, {@link
     * Cachalot#close()} and a normal exit, not {@code kill -9}). With a log, a write returns once
     * its entry is durable in it (what that costs depends on the log), and when a cache is created
     * its decorators write what the log kept from before (a restart, a crash) to the database
     * first. Every write method of a cache with a log must be replayable from its key and value
     * (each parameter its value or a whole part of its key); a decorator with one that is not is
     * refused. The Cachalot closes the log in {@link Cachalot#close()}.
     */
    public Builder writeBehindLog(WriteBehindLog log) {
      this.writeBehindLog = Objects.requireNonNull(log, "log");
      this.journal = null;
      return this;
    }

    /** The {@linkplain #writeBehindLog(WriteBehindLog) durable log} of one write-behind cache. */
    public Builder writeBehindLog(String cache, WriteBehindLog log) {
      cacheLogs.put(Objects.requireNonNull(cache, "cache"), Objects.requireNonNull(log, "log"));
      inMemoryCaches.remove(cache);
      return this;
    }

    /**
     * Keeps the writes of the write-behind cache {@code cache} in the heap only, although the
     * Cachalot has a {@linkplain #writeBehindLog(WriteBehindLog) durable log}: for a cache whose
     * writes may be lost in a crash (statistics), or whose write methods cannot be replayed.
     */
    public Builder writeBehindInMemory(String cache) {
      inMemoryCaches.add(Objects.requireNonNull(cache, "cache"));
      cacheLogs.remove(cache);
      return this;
    }

    /**
     * Keeps every write-behind cache's acknowledged writes in a {@link LocalJournal} in {@code
     * directory}, synced to disk before each write returns ({@link JournalSync#everyWrite()}): they
     * survive {@code kill -9} and a power loss. {@link #build()} opens it: creates the directory if
     * needed, locks it for this process, and throws a {@link
     * dev.cachalot.store.WriteBehindLogException} when it cannot (in use by another process,
     * damaged, written by a newer version of Cachalot). Like {@code
     * writeBehindLog(LocalJournal.at(directory).open())}; use that form for group commit or a
     * segment size of your own.
     */
    public Builder journal(Path directory) {
      this.journal = Objects.requireNonNull(directory, "directory");
      this.writeBehindLog = null;
      return this;
    }

    /**
     * The codec with which write-behind logs write keys and values; by default the one on the class
     * path ({@code cachalot-redis}'s {@code JsonCodec}). Needed only with a durable log.
     */
    public Builder codec(EntryCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /** Where the caches keep their entries; the default is {@link CaffeineStore#create()}. */
    public Builder store(Store store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Adds a listener of every cache's events; may be called several times. Listeners are called
     * synchronously on the thread that did the work (a caller's, or a write-behind flusher thread),
     * so they must be thread-safe and quick; see {@link CacheListener}.
     */
    public Builder listener(CacheListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * How long a write-behind write of a new key waits while the buffer is full before it throws
     * {@link WriteBehindFullException} (whose message names the cache and the pending count);
     * default 10 seconds. Only the writing thread blocks, and only while the buffer is at its
     * {@code capacity} and the write is of a key that has no pending write (a key already pending
     * is replaced in place and never waits). Zero fails at once.
     */
    public Builder writeBehindFullTimeout(Duration timeout) {
      this.writeBehindFullTimeout = notNegative("writeBehindFullTimeout", timeout);
      return this;
    }

    /**
     * How long {@link Cachalot#close()} keeps trying to flush the write-behind buffers, retrying
     * failed writes with their backoff; default 30 seconds. {@code close()} blocks the calling
     * thread for at most about this long (plus a database call that is still running), then reports
     * what it could not write: a {@link CacheEvent.Kind#WRITE_ABANDONED} event per write and a
     * {@link WriteBehindException} that names the caches and keys.
     */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = notNegative("closeTimeout", timeout);
      return this;
    }

    /**
     * Spreads the expiry of cached entries: each fill or write of an entry gets a TTL drawn
     * uniformly from {@code [ttl * (1 - fraction), ttl]} (for {@code ttl} and {@code negativeTtl}
     * alike; an entry without TTL still never expires), so that a burst of fills does not expire,
     * and miss, all at once. {@code 0 <= fraction < 1}; default 0 (every entry lives exactly its
     * TTL). Costs one thread-local random number per fill or write; nothing blocks.
     */
    public Builder ttlJitter(double fraction) {
      if (!(fraction >= 0 && fraction < 1)) {
        throw new IllegalArgumentException(
            "ttlJitter must be at least 0 and less than 1, not " + fraction);
      }
      this.ttlJitter = fraction;
      return this;
    }

    /**
     * How a write-behind write whose database call failed is retried: exponential backoff with
     * jitter, per key. After the n-th failure in a row of a key, its next attempt comes after a
     * random delay between half of and all of {@code min(max, initial * 2^(n-1))}. The write stays
     * pending (readable, counted against {@code capacity}) until it succeeds; it is never dropped
     * while the process runs, and a newer write of the same key replaces it (the newest is what the
     * retry writes). Writes of other keys keep flushing on their own schedule meanwhile. An
     * explicit {@link CacheHandle#flush()} and the final flush of {@link Cachalot#close()} retry at
     * once, without waiting for the backoff. Defaults: 100 milliseconds and 30 seconds. The backoff
     * runs on the cache's flusher thread; no caller blocks for it.
     */
    public Builder retryBackoff(Duration initial, Duration max) {
      this.retryBackoff = new Backoff(initial, max);
      return this;
    }

    /**
     * After how many failed attempts in a row of a write-behind write the listeners hear a {@link
     * CacheEvent.Kind#WRITE_STILL_FAILING} (and the log a warning) for it, and again after every
     * further failed attempt until it succeeds; default 5. Every failed attempt is heard as {@link
     * CacheEvent.Kind#FLUSH_FAILED} regardless.
     */
    public Builder stillFailingAfter(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("stillFailingAfter must be at least 1, not " + attempts);
      }
      this.stillFailingAfter = attempts;
      return this;
    }

    /**
     * The source of random numbers in {@code [0, 1)} for the TTL and backoff jitter; tests set a
     * deterministic one. Must be thread-safe.
     */
    Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Whether {@link Cachalot#decorate} refuses interfaces the annotation processor did not
     * generate a decorator for, instead of building one at run time; default false. Set it in
     * builds that must not fall back to the slower path unnoticed.
     */
    public Builder requireGenerated(boolean required) {
      this.requireGenerated = required;
      return this;
    }

    /**
     * Whether {@link Cachalot#decorate} uses the generated decorators where they exist; default
     * true. False builds every decorator at run time, even for interfaces the processor saw: for
     * tests and benchmarks that compare the two paths, not for production.
     */
    public Builder useGeneratedDecorators(boolean use) {
      this.useGeneratedDecorators = use;
      return this;
    }

    /**
     * Whether, when the JVM exits normally before {@link Cachalot#close()} was called, a shutdown
     * hook closes the Cachalot, flushing every write-behind buffer (for at most the {@linkplain
     * #closeTimeout close timeout}) and logging what it flushed; default true. The hook is
     * registered with the first write-behind cache, and removed by {@code close()}. Turn it off
     * when the application closes Cachalot itself in its own ordered shutdown (the Spring Boot
     * starter does). It cannot help against {@code kill -9} or a crash: see the durability of
     * write-behind in the README.
     */
    public Builder shutdownHook(boolean enabled) {
      this.shutdownHook = enabled;
      return this;
    }

    /**
     * Returns a new {@link Cachalot}.
     *
     * @throws dev.cachalot.store.WriteBehindLogException when the {@linkplain #journal journal}
     *     cannot be opened
     * @throws CachalotException when a durable log has no {@linkplain #codec codec}; the logs given
     *     to the builder are closed again (a journal unlocked), so a corrected build can open them
     */
    public Cachalot build() {
      return new Cachalot(this);
    }

    private static Duration notNegative(String what, Duration duration) {
      if (duration == null || duration.isNegative()) {
        throw new IllegalArgumentException(what + " must be zero or positive, not " + duration);
      }
      return duration;
    }
  }
}
