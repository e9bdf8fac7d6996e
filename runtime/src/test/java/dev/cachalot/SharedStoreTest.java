package dev.cachalot;

import static dev.cachalot.Generated.caches;
import static dev.cachalot.Generated.delete;
import static dev.cachalot.Generated.load;
import static dev.cachalot.Generated.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.internal.CacheAsideEngine;
import dev.cachalot.internal.CacheDeclaration;
import dev.cachalot.internal.WriteThroughEngine;
import dev.cachalot.store.Lease;
import dev.cachalot.store.Store;
import dev.cachalot.store.StoreCache;
import dev.cachalot.store.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the engines do with a store that several processes share (the contract the Redis tier
 * implements), against a scripted store: leases that are lost, granted elsewhere or denied, write
 * announcements, and a store that cannot be reached.
 */
class SharedStoreTest {

  /** A store of one map whose lease answers, write calls and reachability a test scripts. */
  private static final class ScriptedStore implements Store, StoreCache<Long, Product> {
    final Map<Long, Object> entries = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile Function<Long, Lease> leases = key -> Lease.granted("token-" + key);
    volatile boolean leaseStillHolds = true;
    volatile boolean unavailable;
    volatile boolean leaseFindsEntries;
    int tokens;

    @Override
    @SuppressWarnings("unchecked") // one cache of Long keys and Product values per test
    public <K, V> StoreCache<K, V> open(CacheSpec spec) {
      return (StoreCache<K, V>) this;
    }

    private void reach(String call) {
      calls.add(call);
      if (unavailable) {
        throw new StoreUnavailableException("redis://test is down");
      }
    }

    @Override
    public Object get(Long key) {
      reach("get " + key);
      return entries.get(key);
    }

    @Override
    public void put(Long key, Object value, Duration ttl) {
      reach("put " + key);
      entries.put(key, value);
    }

    @Override
    public void remove(Long key) {
      reach("remove " + key);
      entries.remove(key);
    }

    @Override
    public void clear() {
      reach("clear");
      entries.clear();
    }

    @Override
    public Lease lease(Long key) {
      reach("lease " + key);
      return leases.apply(key);
    }

    @Override
    public boolean leaseFindsEntries() {
      return leaseFindsEntries;
    }

    @Override
    public boolean fill(Long key, Object value, Duration ttl, Lease.Granted lease) {
      reach("fill " + key + " " + lease.token());
      if (!leaseStillHolds) {
        return false;
      }
      entries.put(key, value);
      return true;
    }

    @Override
    public synchronized Object beginWrite(Long key) {
      reach("begin " + key);
      return "write-" + ++tokens;
    }

    @Override
    public void completeWrite(Long key, Object value, Duration ttl, Object token) {
      reach("complete " + key + " " + token);
      if (value == null) {
        entries.remove(key);
      } else {
        entries.put(key, value);
      }
    }

    @Override
    public void abortWrite(Long key, Object token) {
      reach("abort " + key + " " + token);
      entries.remove(key);
    }

    @Override
    public Map<String, Long> statistics() {
      return Map.of("remote.roundTrips", (long) calls.size());
    }
  }

  private final ScriptedStore store = new ScriptedStore();
  private final FakeDb db = new FakeDb();
  private final Cachalot cachalot = Cachalot.builder().store(store).build();

  @AfterEach
  void close() {
    cachalot.close();
  }

  private static CacheDeclaration<Long, Product> declaration(String name) {
    return CacheDeclaration.<Long, Product>named(name)
        .keyType(Long.class)
        .valueType(Product.class)
        .ttl(Duration.ofMinutes(10))
        .build();
  }

  private Product read(CacheAsideEngine<Long, Product> engine, long id) {
    Product cached = engine.getIfPresent(id);
    return cached != null ? cached : load(engine, id, () -> db.find(id));
  }

  @Test
  void aFillUnderALeaseTheStoreNoLongerHonoursIsRejected() {
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(declaration("products"));
    db.rows.put(1L, new Product(1, "old"));
    store.leaseStillHolds = false; // another node changed key 1 while this one loaded

    assertThat(read(products, 1)).isEqualTo(new Product(1, "old"));

    assertThat(store.calls).containsSubsequence("lease 1", "fill 1 token-1");
    assertThat(store.entries).doesNotContainKey(1L);
    assertThat(cachalot.cache("products").stats().staleFillsRejected()).isOne();
  }

  @Test
  void aMissLooksTheKeyUpAgainBeforeItAsksForTheLease() {
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(declaration("products"));
    db.rows.put(1L, new Product(1, "anchor"));

    read(products, 1);

    assertThat(store.calls).containsExactly("get 1", "get 1", "lease 1", "fill 1 token-1");
  }

  @Test
  void aStoreWhoseLeaseFindsEntriesIsNotLookedUpAgainOnAMiss() {
    store.leaseFindsEntries = true;
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(declaration("products"));
    db.rows.put(1L, new Product(1, "anchor"));

    assertThat(read(products, 1)).isEqualTo(new Product(1, "anchor"));
    assertThat(read(products, 1)).isEqualTo(new Product(1, "anchor"));

    assertThat(store.calls).containsExactly("get 1", "lease 1", "fill 1 token-1", "get 1");
    assertThat(db.finds).hasValue(1);
  }

  @Test
  void aValueAnotherNodeFilledWhileThisOneWaitedIsAHit() {
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(declaration("products"));
    store.leases = key -> Lease.filled(new Product(key, "filled elsewhere"));

    assertThat(read(products, 1)).isEqualTo(new Product(1, "filled elsewhere"));

    assertThat(db.finds).as("no database read").hasValue(0);
    assertThat(cachalot.cache("products").stats().hits()).isOne();
  }

  @Test
  void aDeniedLeaseLoadsWithoutFilling() {
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(declaration("products"));
    db.rows.put(1L, new Product(1, "anchor"));
    store.leases = key -> Lease.denied();

    assertThat(read(products, 1)).isEqualTo(new Product(1, "anchor"));

    assertThat(store.calls).noneMatch(call -> call.startsWith("fill"));
    assertThat(store.entries).isEmpty();
  }

  @Test
  void readsGoToTheDatabaseWhileTheStoreIsUnavailableAndFillAgainAfterwards() {
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(declaration("products"));
    db.rows.put(1L, new Product(1, "anchor"));
    store.unavailable = true;

    assertThat(read(products, 1)).isEqualTo(new Product(1, "anchor"));
    assertThat(read(products, 1)).isEqualTo(new Product(1, "anchor"));
    assertThat(db.finds).as("every read loaded, none filled").hasValue(2);

    store.unavailable = false;
    read(products, 1);
    read(products, 1);
    assertThat(db.finds).as("filled once the store is back, then hit").hasValue(3);
  }

  @Test
  void aWriteWhoseCacheChangeCannotReachTheStoreFailsAfterTheDatabaseWrite() {
    CacheAsideEngine<Long, Product> products = caches(cachalot).cacheAside(declaration("products"));
    store.unavailable = true;

    assertThatThrownBy(() -> write(products, 1L, () -> db.save(new Product(1, "anchor"))))
        .isInstanceOf(CachalotException.class)
        .hasMessageContaining("cache 'products', key 1: the store failed to remove")
        .hasRootCauseInstanceOf(StoreUnavailableException.class);
    assertThat(db.rows).containsKey(1L);
  }

  @Test
  void writeThroughAnnouncesEachWriteAndCompletesOrAbortsItWithItsToken() {
    WriteThroughEngine<Long, Product> sessions =
        caches(cachalot).writeThrough(declaration("sessions"));

    write(sessions, 1L, new Product(1, "anchor"), () -> db.save(new Product(1, "anchor")));
    db.failures.set(1);
    assertThatThrownBy(
            () -> write(sessions, 1L, new Product(1, "bigger"), () -> db.save(new Product(1, "x"))))
        .isInstanceOf(FakeDb.DbFailure.class);
    delete(sessions, 1L, () -> db.delete(1));

    assertThat(store.calls)
        .filteredOn(call -> !call.startsWith("get"))
        .containsExactly(
            "begin 1",
            "complete 1 write-1",
            "begin 1",
            "abort 1 write-2",
            "begin 1",
            "complete 1 write-3");
  }

  @Test
  void theHandleShowsWhatTheStoreCounts() {
    caches(cachalot).cacheAside(declaration("products"));

    assertThat(cachalot.cache("products").storeStatistics()).containsKey("remote.roundTrips");
  }

  @Test
  void onCacheCreatedHearsTheCachesThatExistAndThoseCreatedLater() {
    caches(cachalot).cacheAside(declaration("products"));
    List<String> heard = new CopyOnWriteArrayList<>();

    cachalot.onCacheCreated(handle -> heard.add(handle.name()));
    caches(cachalot).cacheAside(declaration("products"));
    caches(cachalot).writeThrough(declaration("sessions"));

    assertThat(heard).containsExactly("products", "sessions");
  }
}
