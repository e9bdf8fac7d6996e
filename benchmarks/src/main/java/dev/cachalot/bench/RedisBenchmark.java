package dev.cachalot.bench;

import com.github.benmanes.caffeine.cache.Cache;
import dev.cachalot.Cachalot;
import dev.cachalot.CacheSpec;
import dev.cachalot.redis.JsonCodec;
import dev.cachalot.redis.RedisStore;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The Redis tier against its baselines, on the local Redis (127.0.0.1:6379, or {@code
 * -Dcachalot.bench.redisUri}), one thread, zero-cost DAOs. A remote hit is compared with a raw
 * Lettuce GET of the same key (the same bytes) decoded by the same codec; a near hit with a hit of
 * Cachalot's in-process store and with raw Caffeine. The miss (invalidate, then read) and the
 * writes of each strategy show what round trips cost: a write-behind write is one script, a
 * cache-aside write one, a write-through write two; a miss a GET, the lease and the fill.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RedisBenchmark {

  /** Everything the rows use, each over caches of its own, in a namespace of its own. */
  @State(Scope.Benchmark)
  public static class Tier {
    long hitKey = 1_000_003L;
    long missKey = 2_000_003L;
    long writeKey;

    Cachalot inProcess;
    ProductDao inProcessDao;
    Cache<Long, Product> caffeine;
    Cachalot remote;
    ProductDao remoteDao;
    Cachalot near;
    ProductDao nearDao;
    RedisDaos.AsideProducts aside;
    RedisDaos.ThroughProducts through;
    RedisDaos.BehindProducts behind;

    RedisClient client;
    StatefulRedisConnection<byte[], byte[]> raw;
    RedisCommands<byte[], byte[]> rawCommands;
    byte[] rawKey;
    JsonCodec codec;
    CacheSpec spec;
    String namespace;

    @Setup(Level.Trial)
    public void setUp() {
      RedisURI uri =
          RedisURI.create(System.getProperty("cachalot.bench.redisUri", "redis://127.0.0.1:6379"));
      namespace = "bench-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
      client = RedisClient.create();
      RedisStore store = RedisStore.connect(client, uri).namespace(namespace);

      inProcess = Cachalot.inMemory();
      inProcessDao = inProcess.decorate(ProductDao.class, new ZeroCostDaos.Products());
      caffeine = CacheConfig.caffeine().build();
      caffeine.put(hitKey, ZeroCostDaos.PRODUCT);

      remote = Cachalot.builder().store(store).build();
      remoteDao = remote.decorate(ProductDao.class, new ZeroCostDaos.Products());
      RedisDaos.ZeroCost database = new RedisDaos.ZeroCost();
      aside = remote.decorate(RedisDaos.AsideProducts.class, database);
      through = remote.decorate(RedisDaos.ThroughProducts.class, database);
      behind = remote.decorate(RedisDaos.BehindProducts.class, database);
      // The near store is another node's: its own connections, the same keys.
      near = Cachalot.builder().store(store.withNearCache()).build();
      nearDao = near.decorate(ProductDao.class, new ZeroCostDaos.Products());

      for (ProductDao dao : List.of(inProcessDao, remoteDao, nearDao)) {
        dao.findById(hitKey);
        dao.findById(hitKey);
      }
      if (near.cache("products").storeStatistics().get("near.hits") < 1) {
        throw new IllegalStateException("the near cache does not hit: " + near.cache("products"));
      }

      codec = new JsonCodec();
      spec = remote.cache("products").spec();
      rawKey =
          (namespace + ":products:0:" + codec.encodeKey(spec, hitKey))
              .getBytes(StandardCharsets.UTF_8);
      raw = client.connect(ByteArrayCodec.INSTANCE, uri);
      rawCommands = raw.sync();
      if (!ZeroCostDaos.PRODUCT.equals(codec.decodeValue(spec, rawCommands.get(rawKey)))) {
        throw new IllegalStateException("the raw GET does not read the store's entry");
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      remote.close();
      near.close();
      inProcess.close();
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<byte[]> page =
            rawCommands.scan(cursor, new ScanArgs().match(namespace + ":*").limit(1000));
        if (!page.getKeys().isEmpty()) {
          rawCommands.del(page.getKeys().toArray(new byte[0][]));
        }
        cursor = page;
      } while (!cursor.isFinished());
      raw.close();
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /** A product of the next of 10,000 keys, for the writes. */
    Product nextWrite() {
      writeKey = (writeKey + 1) % 10_000;
      return new Product(writeKey, "a product");
    }
  }

  /**
   * The times of the paired rows, summed per iteration (JMH reports them as secondary results): the
   * baseline and the contender measured alternately in the same invocations, so that the load of a
   * shared machine weighs on both alike and their ratio is trustworthy where their separate rows
   * are not.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Pair {
    public long baselineNanos;
    public long contenderNanos;
    boolean contenderFirst;

    @Setup(Level.Iteration)
    public void reset() {
      baselineNanos = 0;
      contenderNanos = 0;
    }
  }

  /** How many near and in-process hits one paired invocation times together (one is too short). */
  static final int HITS_PER_BATCH = 1_000;

  /** A remote hit against a raw Lettuce GET of the same bytes plus decode, alternately. */
  @Benchmark
  public Object pairedRemoteHitVsRawGet(Tier t, Pair pair) {
    Object last;
    long start = System.nanoTime();
    if (pair.contenderFirst) {
      last = t.remoteDao.findById(t.hitKey);
      long middle = System.nanoTime();
      last = rawLettuceGetDecode(t);
      pair.contenderNanos += middle - start;
      pair.baselineNanos += System.nanoTime() - middle;
    } else {
      last = rawLettuceGetDecode(t);
      long middle = System.nanoTime();
      last = t.remoteDao.findById(t.hitKey);
      pair.baselineNanos += middle - start;
      pair.contenderNanos += System.nanoTime() - middle;
    }
    pair.contenderFirst = !pair.contenderFirst;
    return last;
  }

  /** A batch of near hits against a batch of in-process hits, alternately. */
  @Benchmark
  public void pairedNearHitVsInProcessHit(Tier t, Pair pair, Blackhole sink) {
    ProductDao first = pair.contenderFirst ? t.nearDao : t.inProcessDao;
    ProductDao second = pair.contenderFirst ? t.inProcessDao : t.nearDao;
    long start = System.nanoTime();
    for (int i = 0; i < HITS_PER_BATCH; i++) {
      sink.consume(first.findById(t.hitKey));
    }
    long middle = System.nanoTime();
    for (int i = 0; i < HITS_PER_BATCH; i++) {
      sink.consume(second.findById(t.hitKey));
    }
    long end = System.nanoTime();
    pair.contenderNanos += pair.contenderFirst ? middle - start : end - middle;
    pair.baselineNanos += pair.contenderFirst ? end - middle : middle - start;
    pair.contenderFirst = !pair.contenderFirst;
  }

  @Benchmark
  public Object rawLettuceGetDecode(Tier t) {
    return t.codec.decodeValue(t.spec, t.rawCommands.get(t.rawKey));
  }

  @Benchmark
  public Product remoteHit(Tier t) {
    return t.remoteDao.findById(t.hitKey);
  }

  @Benchmark
  public Product caffeineHit(Tier t) {
    return t.caffeine.getIfPresent(t.hitKey);
  }

  @Benchmark
  public Product inProcessHit(Tier t) {
    return t.inProcessDao.findById(t.hitKey);
  }

  @Benchmark
  public Product nearHit(Tier t) {
    return t.nearDao.findById(t.hitKey);
  }

  @Benchmark
  public Product remoteMiss(Tier t) {
    t.remoteDao.evict(t.missKey);
    return t.remoteDao.findById(t.missKey);
  }

  @Benchmark
  public void writeBehindWrite(Tier t) {
    t.behind.save(t.nextWrite());
  }

  @Benchmark
  public void cacheAsideWrite(Tier t) {
    t.aside.save(t.nextWrite());
  }

  @Benchmark
  public void writeThroughWrite(Tier t) {
    t.through.save(t.nextWrite());
  }
}
