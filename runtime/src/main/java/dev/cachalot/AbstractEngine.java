package dev.cachalot;

import dev.cachalot.annotations.Strategy;
import dev.cachalot.internal.CacheEngine;
import dev.cachalot.internal.CompositeKey;
import dev.cachalot.internal.Loading;
import dev.cachalot.store.Lease;
import dev.cachalot.store.Store;
import dev.cachalot.store.StoreCache;
import dev.cachalot.store.StoreUnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Design note: the read path and invalidation, shared by the three strategies.
 *
 * Single flight. `loads` maps a key to the Load of the one caller (the leader) that is loading it.
 * A caller that misses registers its Load with putIfAbsent (startLoad): if another Load is there,
 * it is a follower and waits on that Load's future (join); otherwise it is the leader. The leader
 * first looks at the cache again (someone may have filled or written the key between its
 * getIfPresent and its registration), then returns to the decorator, which calls the database on
 * its own thread and hands the result to fill(), or its exception to failed(). So the DAO call is
 * in the generated method and its exception propagates to the leader unchanged; followers get a
 * CacheLoadException with that cause.
 *
 * A caller never follows a stale Load (one whose key changed while it loaded): that Load read the
 * database before a write that may already have returned, perhaps to this very caller, and its
 * value would be a read older than the caller's own write. The caller replaces the stale Load in
 * `loads` (replace(key, stale, mine), retried until it is the leader or finds a fresh Load) and
 * loads itself; the stale leader's fill then finds another Load registered and is rejected, and
 * the followers that joined it before the change get its value (they overlapped the write, so
 * either order is a correct answer). Reading `stale` outside the map lock is enough: a caller that
 * sees it unset overlaps the write that will set it, as the mark comes before the write returns.
 *
 * Shared stores. A store of several processes (Redis) adds its own lease per key: the leader asks
 * the store for it (lease()) after its second look missed, and the fill lands only if the store
 * still honours it (fill()), as a change on another node drops it. The store may instead answer
 * with the value another node filled while this one waited (a hit), or deny the lease (another
 * node holds it and did not fill in time): then the leader loads but does not fill. A store whose
 * lease answers the entry when there is one (leaseFindsEntries) is not looked up a second time:
 * the lease is the second look, in the same round trip. A store that
 * is unreachable (StoreUnavailableException) is read around: the read misses, loads and does not
 * fill, and a rate-limited warning is logged.
 *
 * Settings. `spec` is the cache's merged settings; a decorator created later may give a setting
 * the earlier ones did not (Cachalot merges the declarations), and reconfigure() swaps the spec.
 * A changed ttl or negativeTtl also clears the cache, as its entries were put with the old one.
 *
 * Stale-fill protection (a per-key version, the memcache "lease"). A Load is the lease of its key:
 * it records the cache's epoch when the load started, and a `stale` flag that is the key's version
 * for the duration of the load. Every change the engine makes to a key's entry (invalidate, a
 * write-through put, a write-behind put or remove) runs through `change(key, ...)`, which marks the
 * key's Load stale; invalidateAll bumps the epoch and marks every Load. The fill only lands when its
 * Load is not stale and the epoch is unchanged. "Mark, then change the entry" and "check, then put
 * and deregister" both run inside loads.compute(key), that is under the map's lock for that key, so
 * they cannot interleave: either the fill landed before the change (and the change overwrites or
 * removes it), or the fill sees the mark and is rejected.
 *
 * A key with no load in flight needs no version, so `change` skips the map lock when loads.get(key)
 * is null: the engines only call `change` after the database (or the write-behind buffer) already
 * holds the new state, so a load that registers after that get runs its loader after the change and
 * reads the new state. The versions therefore cost memory only while loads are in flight.
 *
 * Invalidating a key bumps its version even when no writer is involved, so a fill racing with an
 * explicit invalidate() is also rejected; that costs at most one extra load later.
 *
 * The tests that force each interleaving (CacheAsideTest): aFillThatRacedWithAWriteIsRejected (the
 * mark), aWriteCannotSlipBetweenAFillsCheckAndItsPut (check-and-put and mark-and-change are atomic
 * with each other: the store put of the fill is held while a writer arrives; the writer must wait
 * on the key's map bin), aFillThatRacedWithInvalidateAllIsRejected, concurrentMissesShareOneLoad,
 * aMissThatLostTheRaceToAFillUsesTheFilledValue (the leader's second look at the cache) and
 * aReadAfterAWriteDoesNotJoinALoadThatStartedBeforeIt (no following a stale leader).
 *
 * TTL and negativeTtl. A loaded value is put with the cache's ttl; a loaded absence only when the
 * cache has a negativeTtl, and then with it. TTL jitter: every put of an entry (a fill, a
 * write-through or write-behind write) gets its TTL from jittered(), uniform in
 * [ttl * (1 - f), ttl] for the Builder's ttlJitter f (0 by default: exactly ttl). Entries filled
 * together (a cold start, a deploy, an invalidateAll) then expire spread over a window of f * ttl
 * instead of at one instant, and their reloads do not hit the database all at once. Jitter only
 * shortens a TTL, so no entry outlives the TTL it was declared with; no TTL stays no TTL.
 */

/**
 * The read path, invalidation and statistics of one named cache; the strategy engines extend it.
 * Thread-safe.
 */
abstract class AbstractEngine<K, V> implements CacheEngine<K, V> {

  private static final Logger log = LoggerFactory.getLogger(AbstractEngine.class);

  /** How often, at most, a warning says the store is unavailable. */
  private static final long UNAVAILABLE_WARNING_NANOS = 10_000_000_000L;

  final EngineContext context;
  final Lifecycle lifecycle;
  final String name;
  final Events events;
  final Counters counters = new Counters();

  /** The merged settings; swapped by {@link #reconfigure}. */
  volatile CacheSpec spec;

  /** How a value is copied as it enters the cache (collections: unmodifiable copies). */
  private final UnaryOperator<Object> copies;

  /** Where the cache opens its entries. */
  private final Store stores;

  /** The cache's entries; opened again by {@link #reconfigure} when its TTLs change. */
  private volatile StoreCache<K, V> store;

  /** Whether the store's lease answers the entry too; the same for every cache a store opens. */
  private final boolean leaseFindsEntries;

  private final ConcurrentHashMap<K, Load> loads = new ConcurrentHashMap<>();
  private final AtomicLong lastUnavailableWarning =
      new AtomicLong(System.nanoTime() - UNAVAILABLE_WARNING_NANOS);
  private final AtomicLong epoch = new AtomicLong();
  private final CacheHandle handle = new Handle();

  AbstractEngine(EngineContext context, CacheSpec spec, Store stores) {
    this.context = context;
    this.lifecycle = context.lifecycle();
    this.spec = spec;
    this.name = spec.name();
    this.events = context.events();
    this.stores = stores;
    this.store = stores.open(spec);
    this.leaseFindsEntries = store.leaseFindsEntries();
    this.copies = ValueCopies.forType(spec.valueType());
  }

  /**
   * {@code value} as the cache stores and hands it out: an unmodifiable copy of a collection, else
   * itself; see {@link ValueCopies}.
   */
  @SuppressWarnings("unchecked") // the copy of a V is a V of the same declared interface
  final V stored(V value) {
    return value == null ? null : (V) copies.apply(value);
  }

  /** The strategy this engine implements. */
  abstract Strategy strategy();

  /** The handle applications see. */
  final CacheHandle handle() {
    return handle;
  }

  @Override
  public final String name() {
    return name;
  }

  /**
   * Adopts {@code merged}, the cache's settings after another decorator's declaration: a ttl or
   * negativeTtl that changed clears the cache (its entries were put with the old one) and opens its
   * entries again with the new settings (a store may expire every entry of a cache alike).
   */
  void reconfigure(CacheSpec merged) {
    CacheSpec old = spec;
    spec = merged;
    if (!Objects.equals(old.ttlOrNull(), merged.ttlOrNull())
        || !Objects.equals(old.negativeTtlOrNull(), merged.negativeTtlOrNull())) {
      clear();
      store = stores.open(merged);
    }
  }

  // ---------------------------------------------------------------- read path

  @Override
  public final V getIfPresent(K key) {
    checkKey(key);
    lifecycle.checkOpen(name);
    Object present = storeGet(key);
    if (present == null) {
      present = pendingValue(key);
    }
    if (present == null || present == StoreCache.ABSENT) {
      return null;
    }
    counters.hits.increment();
    events.emit(CacheEvent.Kind.HIT, name, key, 0, null);
    return fromStore(present);
  }

  @Override
  public final Loading<V> startLoad(K key) {
    checkKey(key);
    context.lifecycle().checkOpen(name);
    Load mine = new Load(key, epoch.get());
    Load leader = loads.putIfAbsent(key, mine);
    while (leader != null && leader.stale) {
      // The key changed after that load read the database: its result is older than a write that
      // may have returned before this call. Take over the key instead of following it.
      if (loads.replace(key, leader, mine)) {
        leader = null;
      } else {
        leader = loads.putIfAbsent(key, mine);
      }
    }
    if (leader != null) {
      if (leader.thread == Thread.currentThread()) {
        throw new CachalotException(
            "cache '"
                + name
                + "', key "
                + key
                + ": the loader of this key loads the same key again");
      }
      counters.misses.increment();
      events.emit(CacheEvent.Kind.MISS, name, key, 0, null);
      return new Follower(key, leader);
    }
    Object present;
    try {
      present = leaseFindsEntries ? null : storeGet(key);
      if (present == null) {
        present = pendingValue(key);
      }
      if (present == null) {
        Lease lease = storeLease(key);
        if (lease instanceof Lease.Filled filled) {
          present = filled.entry();
        } else {
          mine.lease = lease;
        }
      }
    } catch (RuntimeException e) {
      loads.remove(key, mine);
      mine.result.completeExceptionally(e);
      throw e;
    }
    if (present != null) {
      V value = present == StoreCache.ABSENT ? null : fromStore(present);
      loads.remove(key, mine);
      mine.result.complete(value);
      counters.hits.increment();
      events.emit(CacheEvent.Kind.HIT, name, key, 0, null);
      return new Found<>(value);
    }
    counters.misses.increment();
    events.emit(CacheEvent.Kind.MISS, name, key, 0, null);
    mine.startNanos = System.nanoTime();
    return mine;
  }

  /** Puts the loaded value unless the key changed while it loaded; deregisters the load. */
  private void fill(K key, Load mine, V value) {
    CacheSpec settings = spec;
    Duration ttl =
        context.jittered(value == null ? settings.negativeTtlOrNull() : settings.ttlOrNull());
    boolean cacheIt = value != null || settings.negativeTtlOrNull() != null;
    Object entry = value == null ? StoreCache.ABSENT : value;
    loads.compute(
        key,
        (k, current) -> {
          if (current != mine) {
            mine.outcome = Load.REJECTED; // a later load took over the key, as this one was stale
            return current;
          }
          if (mine.stale || epoch.get() != mine.epoch) {
            mine.outcome = Load.REJECTED;
          } else if (cacheIt && mine.lease instanceof Lease.Granted granted) {
            mine.outcome = storeFill(k, entry, ttl, granted) ? Load.FILLED : Load.REJECTED;
          }
          return null;
        });
    if (mine.outcome == Load.FILLED) {
      events.emit(CacheEvent.Kind.FILL, name, key, 0, null);
    } else if (mine.outcome == Load.REJECTED) {
      counters.staleFillsRejected.increment();
      events.emit(CacheEvent.Kind.STALE_FILL_REJECTED, name, key, 0, null);
    }
  }

  /**
   * What a read finds for {@code key} outside the store after a store miss: a pending write-behind
   * value, {@link StoreCache#ABSENT} for a pending delete, or {@code null} (nothing pending).
   */
  Object pendingValue(K key) {
    return null;
  }

  // ---------------------------------------------------------------- changes and invalidation

  @Override
  public final void invalidate(K key) {
    checkKey(key);
    context.lifecycle().checkOpen(name);
    invalidateKey(key);
  }

  /** Bumps the version of {@code key} and removes its entry; no open check. */
  final void invalidateKey(K key) {
    change(key, () -> storeRemove(key));
    events.emit(CacheEvent.Kind.INVALIDATE, name, key, 0, null);
  }

  /**
   * Invalidates {@code key} after a write failed, when the database state of the key is unknown; a
   * failure to invalidate is added to {@code failure} as suppressed.
   */
  final void invalidateAfterFailure(K key, Throwable failure) {
    try {
      invalidateKey(key);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** Puts {@code value} under {@code key} with the cache's TTL, bumping the key's version. */
  final void cachePut(K key, V value) {
    Duration ttl = context.jittered(spec.ttlOrNull());
    change(key, () -> storePut(key, value, ttl));
    events.emit(CacheEvent.Kind.CACHE_WRITE, name, key, 0, null);
  }

  /**
   * Runs {@code entryChange} (a put or remove of {@code key}'s entry) as a new version of the key:
   * a load of the key in flight will not fill. Call only after the new state is where loads read it
   * (the database, or the write-behind buffer); see the design note.
   */
  final void change(K key, Runnable entryChange) {
    if (loads.get(key) == null) {
      entryChange.run();
      return;
    }
    loads.compute(
        key,
        (k, current) -> {
          if (current != null) {
            current.stale = true;
          }
          entryChange.run();
          return current;
        });
  }

  @Override
  public final void invalidateAll() {
    context.lifecycle().checkOpen(name);
    clear();
    events.emit(CacheEvent.Kind.INVALIDATE_ALL, name, null, 0, null);
  }

  /** Bumps the epoch, marks every load in flight stale and empties the store. */
  private void clear() {
    epoch.incrementAndGet();
    for (K key : loads.keySet()) {
      loads.computeIfPresent(
          key,
          (k, current) -> {
            current.stale = true;
            return current;
          });
    }
    try {
      store.clear();
    } catch (RuntimeException e) {
      throw new CachalotException("cache '" + name + "': the store failed to clear: " + e, e);
    }
  }

  /** Removes {@code key}, whose type the caller could not check; see {@code InvalidationTarget}. */
  @SuppressWarnings("unchecked") // a key of another type equals no key of this cache: a no-op
  final void invalidateUnchecked(Object key) {
    invalidate((K) key);
  }

  // ---------------------------------------------------------------- database writes

  /** When a synchronous database write started, or 0 when no listener would hear its time. */
  final long startTiming() {
    return events.enabled() ? System.nanoTime() : 0;
  }

  /** Reports a synchronous database write that returned; {@code key} may be null. */
  final void databaseWritten(K key, long startNanos) {
    if (startNanos != 0) {
      events.emit(CacheEvent.Kind.DATABASE_WRITE, name, key, System.nanoTime() - startNanos, null);
    }
  }

  /** Reports a synchronous database write that threw; {@code key} may be null. */
  final void databaseWriteFailed(K key, long startNanos, Throwable error) {
    events.emit(
        CacheEvent.Kind.DATABASE_WRITE_FAILED,
        name,
        key,
        startNanos == 0 ? 0 : System.nanoTime() - startNanos,
        error);
  }

  // ---------------------------------------------------------------- handle support

  long pendingWrites() {
    return 0;
  }

  /** Write-behind writes pending whose last attempts failed at least the threshold in a row. */
  long writesStillFailing() {
    return 0;
  }

  void flush() {
    context.lifecycle().checkOpen(name);
  }

  final void checkKey(K key) {
    CompositeKey.requireKey(name, key);
  }

  // ---------------------------------------------------------------- store access

  @SuppressWarnings("unchecked") // the store holds values of this cache's value type, or ABSENT
  private V fromStore(Object entry) {
    return (V) entry;
  }

  /** The store's entry of {@code key}; {@code null} (a miss) while the store is unavailable. */
  private Object storeGet(K key) {
    try {
      return store.get(key);
    } catch (StoreUnavailableException e) {
      unavailable(e);
      return null;
    } catch (RuntimeException e) {
      throw storeFailure("get", key, e);
    }
  }

  /** The store's lease for a fill of {@code key}; denied while the store is unavailable. */
  private Lease storeLease(K key) {
    try {
      return Objects.requireNonNull(store.lease(key), "the store's lease");
    } catch (StoreUnavailableException e) {
      unavailable(e);
      return Lease.denied();
    } catch (RuntimeException e) {
      throw storeFailure("lease", key, e);
    }
  }

  /** Fills {@code key} under {@code lease}; not filled while the store is unavailable. */
  private boolean storeFill(K key, Object value, Duration ttl, Lease.Granted lease) {
    try {
      return store.fill(key, value, ttl, lease);
    } catch (StoreUnavailableException e) {
      unavailable(e);
      return false;
    } catch (RuntimeException e) {
      throw storeFailure("fill", key, e);
    }
  }

  /** Announces a write-through write of {@code key}; null while the store is unavailable. */
  final Object storeBeginWrite(K key) {
    try {
      return store.beginWrite(key);
    } catch (StoreUnavailableException e) {
      unavailable(e);
      return null;
    } catch (RuntimeException e) {
      throw storeFailure("begin a write of", key, e);
    }
  }

  /** Completes an announced write: stores {@code value}, or removes the key for null. */
  final void storeCompleteWrite(K key, Object value, Duration ttl, Object token) {
    try {
      store.completeWrite(key, value, ttl, token);
    } catch (RuntimeException e) {
      throw storeFailure(value == null ? "remove" : "put", key, e);
    }
  }

  /** Ends an announced write whose database call failed: removes the key. */
  final void storeAbortWrite(K key, Object token) {
    try {
      store.abortWrite(key, token);
    } catch (RuntimeException e) {
      throw storeFailure("remove", key, e);
    }
  }

  /** Logs, at most every ten seconds per cache, that the store cannot be reached. */
  private void unavailable(StoreUnavailableException e) {
    long last = lastUnavailableWarning.get();
    long now = System.nanoTime();
    if (now - last >= UNAVAILABLE_WARNING_NANOS
        && lastUnavailableWarning.compareAndSet(last, now)) {
      log.warn(
          "cache '{}': the store is unavailable ({}); reads go to the database and do not fill"
              + " until it is back",
          name,
          e.getMessage());
    }
  }

  /** What the store counts of this cache. */
  final Map<String, Long> storeStatistics() {
    return store.statistics();
  }

  private void storePut(K key, Object value, Duration ttl) {
    try {
      store.put(key, value, ttl);
    } catch (RuntimeException e) {
      throw storeFailure("put", key, e);
    }
  }

  private void storeRemove(K key) {
    try {
      store.remove(key);
    } catch (RuntimeException e) {
      throw storeFailure("remove", key, e);
    }
  }

  private CachalotException storeFailure(String operation, K key, RuntimeException e) {
    return new CachalotException(
        "cache '" + name + "', key " + key + ": the store failed to " + operation + ": " + e, e);
  }

  // ---------------------------------------------------------------- loads

  /** The in-flight load of one key, as its leader sees it: its single-flight result and lease. */
  private final class Load implements Loading<V> {
    static final int PENDING = 0;
    static final int FILLED = 1;
    static final int REJECTED = 2;

    final K key;
    final Thread thread = Thread.currentThread();
    final long epoch;
    final CompletableFuture<V> result = new CompletableFuture<>();

    /**
     * Set when the key changed during the load; written under the key's map lock, read by the
     * leader's fill under it and by arriving callers (who will not follow a stale load) without.
     */
    volatile boolean stale;

    /** Written and read by the leader only. */
    int outcome = PENDING;

    /** When the database call started; the leader only. */
    long startNanos;

    /** Whether fill() was called; the leader only. */
    boolean loaded;

    /** What the store answered for the fill: granted or denied; the leader only. */
    Lease lease = Lease.denied();

    Load(K key, long epoch) {
      this.key = key;
      this.epoch = epoch;
    }

    @Override
    public boolean isLeader() {
      return true;
    }

    @Override
    public V fill(V loaded) {
      if (this.loaded) {
        throw new IllegalStateException("cache '" + name + "', key " + key + ": filled twice");
      }
      this.loaded = true;
      long took = System.nanoTime() - startNanos;
      counters.loads.increment();
      counters.totalLoadTimeNanos.add(took);
      events.emit(CacheEvent.Kind.LOAD, name, key, took, null);
      V value = stored(loaded);
      AbstractEngine.this.fill(key, this, value);
      result.complete(value);
      return value;
    }

    @Override
    public V join() {
      throw new IllegalStateException(
          "cache '" + name + "', key " + key + ": the leader of a load fills it, it does not join");
    }

    @Override
    public void failed(Throwable error) {
      if (!loaded) {
        long took = System.nanoTime() - startNanos;
        counters.loadFailures.increment();
        counters.totalLoadTimeNanos.add(took);
        events.emit(CacheEvent.Kind.LOAD_FAILED, name, key, took, error);
      }
      loads.remove(key, this);
      result.completeExceptionally(error);
    }
  }

  /** A caller that waits for another caller's load of the same key. */
  private final class Follower implements Loading<V> {
    private final K key;
    private final Load leader;

    Follower(K key, Load leader) {
      this.key = key;
      this.leader = leader;
    }

    @Override
    public boolean isLeader() {
      return false;
    }

    @Override
    public V fill(V loaded) {
      throw new IllegalStateException(
          "cache '" + name + "', key " + key + ": only the leader of a load fills it");
    }

    @Override
    public V join() {
      try {
        return leader.result.get();
      } catch (ExecutionException e) {
        throw new CacheLoadException(name, key, e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CachalotException(
            "cache '" + name + "', key " + key + ": interrupted while waiting for another load", e);
      }
    }

    @Override
    public void failed(Throwable error) {
      // The leader's load is the leader's to fail.
    }
  }

  /** A caller that found the value filled between its miss and its load. */
  private static final class Found<V> implements Loading<V> {
    private final V value;

    Found(V value) {
      this.value = value;
    }

    @Override
    public boolean isLeader() {
      return false;
    }

    @Override
    public V fill(V loaded) {
      throw new IllegalStateException("the value was found; there is nothing to fill");
    }

    @Override
    public V join() {
      return value;
    }

    @Override
    public void failed(Throwable error) {}
  }

  private final class Handle implements CacheHandle {
    @Override
    public String name() {
      return name;
    }

    @Override
    public Strategy strategy() {
      return AbstractEngine.this.strategy();
    }

    @Override
    public CacheSpec spec() {
      return spec;
    }

    @Override
    public CacheStats stats() {
      return counters.snapshot(
          AbstractEngine.this.pendingWrites(), AbstractEngine.this.writesStillFailing());
    }

    @Override
    public long pendingWrites() {
      return AbstractEngine.this.pendingWrites();
    }

    @Override
    public Map<String, Long> storeStatistics() {
      return AbstractEngine.this.storeStatistics();
    }

    @Override
    public void flush() {
      AbstractEngine.this.flush();
    }

    @Override
    public void invalidateAll() {
      AbstractEngine.this.invalidateAll();
    }

    @Override
    public String toString() {
      return spec.toString();
    }
  }
}
