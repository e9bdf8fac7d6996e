package dev.cachalot;

import dev.cachalot.store.StoreCache;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/*
 * Design note: the read path and invalidation, shared by the three strategies.
 *
 * Single flight. `loads` maps a key to the Load of the one caller (the leader) that is loading it.
 * A caller that misses registers its Load with putIfAbsent: if another Load is there, it is a
 * follower and waits on that Load's future; otherwise it is the leader. The leader first looks at
 * the cache again (someone may have filled or written the key between its getIfPresent and its
 * registration), then runs the loader on its own thread. Its exception propagates to it unchanged;
 * followers get a CacheLoadException with that cause.
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

  final Cachalot owner;
  final CacheSpec<K, V> spec;
  final String name;
  final Events events;
  final Counters counters = new Counters();

  private final StoreCache<K, V> store;
  private final ConcurrentHashMap<K, Load<V>> loads = new ConcurrentHashMap<>();
  private final AtomicLong epoch = new AtomicLong();
  private final CacheHandle handle = new Handle();

  AbstractEngine(Cachalot owner, CacheSpec<K, V> spec, StoreCache<K, V> store) {
    this.owner = owner;
    this.spec = spec;
    this.name = spec.name();
    this.events = owner.events();
    this.store = store;
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

  // ---------------------------------------------------------------- read path

  @Override
  public final V getIfPresent(K key) {
    checkKey(key);
    owner.checkOpen(name);
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
  public final <X extends Throwable> V load(K key, DatabaseCall<? extends V, X> loader) throws X {
    checkKey(key);
    owner.checkOpen(name);
    Load<V> mine = new Load<>(epoch.get());
    Load<V> leader = loads.putIfAbsent(key, mine);
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
      return follow(key, leader);
    }
    try {
      Object present = storeGet(key);
      if (present == null) {
        present = pendingValue(key);
      }
      if (present != null) {
        V value = present == StoreCache.ABSENT ? null : fromStore(present);
        loads.remove(key, mine);
        mine.result.complete(value);
        counters.hits.increment();
        events.emit(CacheEvent.Kind.HIT, name, key, 0, null);
        return value;
      }
      counters.misses.increment();
      events.emit(CacheEvent.Kind.MISS, name, key, 0, null);
      V value = runLoader(key, loader);
      fill(key, mine, value);
      mine.result.complete(value);
      return value;
    } catch (Throwable e) {
      loads.remove(key, mine);
      mine.result.completeExceptionally(e);
      throw e;
    }
  }

  private V follow(K key, Load<V> leader) {
    if (leader.thread == Thread.currentThread()) {
      throw new CachalotException(
          "cache '" + name + "', key " + key + ": the loader of this key loads the same key again");
    }
    counters.misses.increment();
    events.emit(CacheEvent.Kind.MISS, name, key, 0, null);
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

  private <X extends Throwable> V runLoader(K key, DatabaseCall<? extends V, X> loader) throws X {
    long start = System.nanoTime();
    V value;
    try {
      value = loader.call();
    } catch (Throwable e) {
      long took = System.nanoTime() - start;
      counters.loadFailures.increment();
      counters.totalLoadTimeNanos.add(took);
      events.emit(CacheEvent.Kind.LOAD_FAILED, name, key, took, e);
      throw e;
    }
    long took = System.nanoTime() - start;
    counters.loads.increment();
    counters.totalLoadTimeNanos.add(took);
    events.emit(CacheEvent.Kind.LOAD, name, key, took, null);
    return value;
  }

  /** Puts the loaded value unless the key changed while it loaded; deregisters the load. */
  private void fill(K key, Load<V> mine, V value) {
    Duration ttl = jittered(value == null ? spec.negativeTtl() : spec.ttl());
    boolean cacheIt = value != null || spec.negativeTtl() != null;
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
          } else if (cacheIt) {
            storePut(k, entry, ttl);
            mine.outcome = Load.FILLED;
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

  /**
   * {@code ttl} shortened by a random part of the TTL jitter fraction: uniform in {@code [ttl * (1
   * - jitter), ttl]}; {@code null} (no expiry) stays {@code null}.
   */
  final Duration jittered(Duration ttl) {
    double jitter = owner.ttlJitter();
    if (ttl == null || jitter == 0) {
      return ttl;
    }
    long nanos = DefaultWriteBehindEngine.nanos(ttl);
    double u = Math.max(0.0, Math.min(owner.random(), 1.0));
    long cut = (long) (nanos * jitter * u);
    return Duration.ofNanos(Math.max(1, nanos - cut));
  }

  // ---------------------------------------------------------------- changes and invalidation

  @Override
  public final void invalidate(K key) {
    checkKey(key);
    owner.checkOpen(name);
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
    Duration ttl = jittered(spec.ttl());
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
    owner.checkOpen(name);
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
    events.emit(CacheEvent.Kind.INVALIDATE_ALL, name, null, 0, null);
  }

  /** Removes {@code key}, whose type the caller could not check; see {@link Invalidator}. */
  @SuppressWarnings("unchecked") // a key of another type equals no key of this cache: a no-op
  final void invalidateUnchecked(Object key) {
    invalidate((K) key);
  }

  // ---------------------------------------------------------------- database writes

  /**
   * Runs a synchronous database write and reports it; what it throws propagates unchanged. The
   * {@code key} is only reported (it may be {@code null} when the database chooses it).
   */
  final <R, X extends Throwable> R callDatabase(K key, DatabaseCall<R, X> call) throws X {
    boolean timed = events.enabled();
    long start = timed ? System.nanoTime() : 0;
    R result;
    try {
      result = call.call();
    } catch (Throwable e) {
      events.emit(
          CacheEvent.Kind.DATABASE_WRITE_FAILED,
          name,
          key,
          timed ? System.nanoTime() - start : 0,
          e);
      throw e;
    }
    if (timed) {
      events.emit(CacheEvent.Kind.DATABASE_WRITE, name, key, System.nanoTime() - start, null);
    }
    return result;
  }

  /** {@link #callDatabase} for a write that returns nothing. */
  final <X extends Throwable> void runDatabase(K key, DatabaseWrite<X> write) throws X {
    DatabaseCall<Void, X> call =
        () -> {
          write.run();
          return null;
        };
    callDatabase(key, call);
  }

  // ---------------------------------------------------------------- handle support

  long pendingWrites() {
    return 0;
  }

  void flush() {
    owner.checkOpen(name);
  }

  final void checkKey(K key) {
    CompositeKey.requireKey(name, key);
  }

  // ---------------------------------------------------------------- store access

  @SuppressWarnings("unchecked") // the store holds values of this cache's value type, or ABSENT
  private V fromStore(Object entry) {
    return (V) entry;
  }

  private Object storeGet(K key) {
    try {
      return store.get(key);
    } catch (RuntimeException e) {
      throw storeFailure("get", key, e);
    }
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

  /** The in-flight load of one key: its single-flight result and its lease. */
  private static final class Load<V> {
    static final int PENDING = 0;
    static final int FILLED = 1;
    static final int REJECTED = 2;

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

    Load(long epoch) {
      this.epoch = epoch;
    }
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
    public CacheSpec<?, ?> spec() {
      return spec;
    }

    @Override
    public CacheStats stats() {
      return counters.snapshot(AbstractEngine.this.pendingWrites());
    }

    @Override
    public long pendingWrites() {
      return AbstractEngine.this.pendingWrites();
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
      return spec + ", " + AbstractEngine.this.strategy();
    }
  }

  /**
   * Runs a synchronous database write; when it throws, invalidates {@code key} (the database may
   * have applied the write before it failed) and rethrows unchanged.
   */
  final <X extends Throwable> void runOrInvalidate(K key, DatabaseWrite<X> write) throws X {
    try {
      runDatabase(key, write);
    } catch (Throwable e) {
      invalidateAfterFailure(key, e);
      throw e;
    }
  }

  /** Like {@link #runOrInvalidate}, for a database call that returns something. */
  final <R, X extends Throwable> R callOrInvalidate(K key, DatabaseCall<R, X> write) throws X {
    try {
      return callDatabase(key, write);
    } catch (Throwable e) {
      invalidateAfterFailure(key, e);
      throw e;
    }
  }
}
