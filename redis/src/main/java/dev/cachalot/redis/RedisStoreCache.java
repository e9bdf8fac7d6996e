package dev.cachalot.redis;

import dev.cachalot.CacheSpec;
import dev.cachalot.store.EntryCodec.UndecodableEntryException;
import dev.cachalot.store.Lease;
import dev.cachalot.store.StoreCache;
import dev.cachalot.store.StoreUnavailableException;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Design note: one cache on Redis. The protocols are the Lua scripts' (Scripts) and the near
 * cache's (NearCache); this class sequences them.
 *
 * get: the near cache (when live), else one GET of the entry key in the generation this node
 * knows, decoded; a value that does not decode is a logged miss, and the next fill overwrites it
 * (its LEASE is told to ignore exactly those bytes). The near fill is guarded by the key's near
 * version taken before the GET.
 *
 * lease: LEASE; when another load holds the lease, LEASE again every few milliseconds until the
 * entry appears (a hit: single flight across nodes), the lease is free (granted), or the lease
 * wait is over (denied: the engine loads without filling).
 *
 * Changes (put, remove, clear, completeWrite, abortWrite) are one script each, and then drop the
 * key from this node's near cache; they never fill the near cache, so a message from another
 * node's later change cannot be overtaken by this node's own reply. A value that cannot be written
 * as JSON (or whose JSON cannot be read back, checked on the first value) is not cached: a fill
 * does not land, a write removes the key, and the error is logged once per minute.
 *
 * Generations: reads use `generation`, changes use the server's (the scripts read it). A reply or
 * message with a newer generation is adopted at once (and empties the near cache); an older one
 * only after a fresh GET of the generation key shows Redis lost data (a restart without
 * persistence, a FLUSHALL), as replies and messages can arrive out of order.
 */

/** The entries of one named cache on Redis, optionally with a near cache; thread-safe. */
final class RedisStoreCache<K, V> implements StoreCache<K, V> {

  private static final Logger log = LoggerFactory.getLogger(RedisStoreCache.class);

  private static final byte[] EMPTY = new byte[0];
  private static final byte[] NO_TTL = {'0'};
  private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final int SWEEP_BATCH = 500;

  private final RedisNode node;
  private final CacheSpec spec;
  private final JsonCodec.Binding codec;
  private final KeySpace keys;
  private final String escapedName;
  private final NearCache<K> near;
  private final Duration nearAbsentLife;
  private final byte[][] generationKey;
  private final byte[] channel;
  private final byte[] messageHead;
  private final byte[] leaseMillis;
  private final byte[] writerMillis;
  private final long leaseWaitNanos;

  private final AtomicBoolean lost = new AtomicBoolean();
  private final AtomicBoolean verified = new AtomicBoolean();
  private final AtomicLong lastDecodeWarning = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
  private final AtomicLong lastEncodeError = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

  private final LongAdder nearHits = new LongAdder();
  private final LongAdder remoteHits = new LongAdder();
  private final LongAdder remoteMisses = new LongAdder();
  private final LongAdder roundTrips = new LongAdder();
  private final LongAdder decodeFailures = new LongAdder();
  private final LongAdder leaseWaits = new LongAdder();
  private final LongAdder leasesDenied = new LongAdder();
  private final LongAdder invalidationsReceived = new LongAdder();
  private final LongAdder generationsLost = new LongAdder();

  /** The generation this node reads, and its entry-key prefix; -1 while not known. */
  private volatile Generation generation = new Generation(-1, EMPTY);

  RedisStoreCache(RedisNode node, CacheSpec spec, JsonCodec.Binding codec) {
    this.node = node;
    this.spec = spec;
    this.codec = codec;
    this.keys = new KeySpace(node.settings.namespace(), spec.name());
    this.escapedName = keys.escapedCache();
    RedisStore.NearSettings nearSettings = node.settings.near();
    if (nearSettings == null) {
      this.near = null;
      this.nearAbsentLife = Duration.ZERO;
    } else {
      Duration life = shorter(nearSettings.maximumLife(), spec.ttl().orElse(null));
      this.near = new NearCache<>(nearSettings.maximumSize(), life);
      this.nearAbsentLife = shorter(life, spec.negativeTtl().orElse(life));
    }
    this.generationKey = new byte[][] {keys.generationKey()};
    this.channel = node.channel();
    this.messageHead = node.messageHead(escapedName);
    this.leaseMillis = millis(node.settings.leaseTimeout());
    this.writerMillis = millis(node.settings.writerTimeout());
    this.leaseWaitNanos = node.settings.leaseWait().toNanos();
  }

  /** Reads the generation; called once when the cache opens (the breaker may be open). */
  void start() {
    node.register(this);
    try {
      node.read(roundTrips, redis -> refreshGeneration(redis));
    } catch (StoreUnavailableException e) {
      // The probe reads it before the breaker closes; until then the cache is bypassed.
    }
  }

  String name() {
    return spec.name();
  }

  String escapedName() {
    return escapedName;
  }

  // ---------------------------------------------------------------- reads

  @Override
  public Object get(K key) {
    if (near != null && node.nearLive()) {
      Object entry = near.get(key);
      if (entry != null) {
        nearHits.increment();
        return entry;
      }
    }
    Generation current = readable();
    byte[] encodedKey = codec.encodeKey(key);
    long version = near == null ? 0 : near.version(key);
    Object reply = node.get(roundTrips, KeySpace.entryKey(current.entryPrefix, encodedKey));
    if (reply == null) {
      remoteMisses.increment();
      return null;
    }
    if (!(reply instanceof byte[] bytes)) {
      undecodable(encodedKey, "it holds another Redis type than a string: " + reply);
      return null;
    }
    Object entry;
    try {
      entry = codec.decode(bytes);
    } catch (UndecodableEntryException e) {
      undecodable(encodedKey, e.getMessage());
      return null;
    }
    remoteHits.increment();
    nearFill(key, entry, version, null);
    return entry;
  }

  @Override
  public Lease lease(K key) {
    Generation current = readable();
    byte[] encodedKey = codec.encodeKey(key);
    byte[] token = node.nextToken().getBytes(StandardCharsets.UTF_8);
    byte[] ignored = EMPTY;
    long deadline = System.nanoTime() + leaseWaitNanos;
    long pauseMillis = 1;
    boolean waited = false;
    while (true) {
      long version = near == null ? 0 : near.version(key);
      byte[] ignore = ignored;
      List<?> reply =
          (List<?>)
              node.read(roundTrips, call(Scripts.LEASE, encodedKey, token, leaseMillis, ignore));
      observeGeneration(number(reply.get(0)), current.number);
      long status = number(reply.get(1));
      if (status == 0) {
        return Lease.granted(new String(token, StandardCharsets.UTF_8));
      }
      if (status == 1) {
        byte[] bytes = (byte[]) reply.get(2);
        try {
          Object entry = codec.decode(bytes);
          remoteHits.increment();
          nearFill(key, entry, version, null);
          return Lease.filled(entry);
        } catch (UndecodableEntryException e) {
          undecodable(encodedKey, e.getMessage());
          if (ignored != EMPTY) {
            leasesDenied.increment(); // undecodable again, other bytes: load without filling
            return Lease.denied();
          }
          ignored = bytes; // take the lease over these bytes, so that the fill replaces them
          continue;
        }
      }
      if (!waited) {
        waited = true;
        leaseWaits.increment();
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        leasesDenied.increment();
        return Lease.denied();
      }
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(pauseMillis)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        leasesDenied.increment();
        return Lease.denied();
      }
      pauseMillis = Math.min(pauseMillis * 2, 8);
    }
  }

  /** LEASE answers the entry when there is one: the engine's second look is in its round trip. */
  @Override
  public boolean leaseFindsEntries() {
    return true;
  }

  @Override
  public boolean fill(K key, Object value, Duration ttl, Lease.Granted lease) {
    if (!(lease.token() instanceof String token)) {
      throw new IllegalArgumentException(
          "cache '" + name() + "': a lease this store did not grant: " + lease);
    }
    byte[] bytes = encodeForStore(value);
    if (bytes == null) {
      return false;
    }
    Generation current = readable();
    byte[] encodedKey = codec.encodeKey(key);
    long version = near == null ? 0 : near.version(key);
    List<?> reply =
        (List<?>)
            node.read(
                roundTrips,
                call(
                    Scripts.FILL,
                    encodedKey,
                    token.getBytes(StandardCharsets.UTF_8),
                    bytes,
                    millis(ttl)));
    observeGeneration(number(reply.get(0)), current.number);
    boolean stored = number(reply.get(1)) == 1;
    if (stored) {
      nearFill(key, value, version, ttl);
    }
    return stored;
  }

  // ---------------------------------------------------------------- changes

  @Override
  public void put(K key, Object value, Duration ttl) {
    byte[] bytes = encodeForStore(value);
    if (bytes == null) {
      remove(key);
      return;
    }
    changeEntry(key, Scripts.PUT, bytes, millis(ttl));
  }

  @Override
  public void remove(K key) {
    changeEntry(key, Scripts.REMOVE);
  }

  @Override
  public void clear() {
    long before = generation.number;
    try {
      long next = (Long) node.change(this, roundTrips, call(Scripts.CLEAR, EMPTY));
      cleared(next, before);
    } finally {
      clearNear();
    }
  }

  @Override
  public Object beginWrite(K key) {
    if (!node.breaker.isClosed()) {
      return WriteToken.UNANNOUNCED;
    }
    byte[] encodedKey = codec.encodeKey(key);
    String token = node.nextToken();
    try {
      node.read(
          roundTrips,
          call(Scripts.BEGIN, encodedKey, token.getBytes(StandardCharsets.UTF_8), writerMillis));
    } catch (StoreUnavailableException e) {
      // The write goes on unannounced; its completion deletes the key (or fails and is lost).
      return WriteToken.UNANNOUNCED;
    }
    return new WriteToken(token);
  }

  @Override
  public void completeWrite(K key, Object value, Duration ttl, Object token) {
    if (token == null) {
      // A key the database just made (a generated id): no other write of it can overlap.
      if (value == null) {
        remove(key);
      } else {
        put(key, value, ttl);
      }
      return;
    }
    byte[] bytes = value == null ? EMPTY : encodeForStore(value);
    byte[] stored = bytes == null ? EMPTY : bytes;
    changeEntry(key, Scripts.COMPLETE, writerToken(token), writerMillis, stored, millis(ttl));
  }

  @Override
  public void abortWrite(K key, Object token) {
    changeEntry(key, Scripts.ABORT, token == null ? EMPTY : writerToken(token), writerMillis);
  }

  /** Runs a change script of {@code key}, then drops the key from the near cache. */
  private void changeEntry(K key, Scripts.Script script, byte[]... own) {
    long before = generation.number;
    try {
      Object reply = node.change(this, roundTrips, call(script, codec.encodeKey(key), own));
      Object generationReply = reply instanceof List<?> list ? list.get(0) : reply;
      observeGeneration(number(generationReply), before);
    } finally {
      if (near != null) {
        near.invalidate(key);
      }
    }
  }

  /** A call of {@code script} on {@code encodedKey}: the common arguments, then {@code own}. */
  private Function<RedisCommands<byte[], byte[]>, Object> call(
      Scripts.Script script, byte[] encodedKey, byte[]... own) {
    byte[][] args = new byte[4 + own.length][];
    args[0] = keys.prefixBytes();
    args[1] = encodedKey;
    args[2] = channel;
    args[3] = messageHead;
    System.arraycopy(own, 0, args, 4, own.length);
    return redis -> script.run(redis, generationKey, args);
  }

  private byte[] writerToken(Object token) {
    if (!(token instanceof WriteToken writeToken)) {
      throw new IllegalArgumentException(
          "cache '" + name() + "': a write token this store did not issue: " + token);
    }
    return writeToken.value.getBytes(StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- generations

  /** The generation to read, or unavailable while it is not known. */
  private Generation readable() {
    Generation current = generation;
    if (current.number < 0) {
      node.breaker.check();
      throw new StoreUnavailableException(
          "cache '"
              + name()
              + "': its generation on Redis at "
              + node.server
              + " is not known yet");
    }
    return current;
  }

  /**
   * Adopts {@code server}, the generation a reply or message reports, when it is newer; when it is
   * older than {@code known} (what this node knew before the command), Redis may have lost data: a
   * fresh read of the generation decides.
   */
  private void observeGeneration(long server, long known) {
    if (server > generation.number) {
      adopt(server, false);
    } else if (server < known) {
      node.refreshLater(this);
    }
  }

  private void cleared(long next, long before) {
    adopt(next, false);
    if (before >= 0) {
      node.schedule(() -> sweep(ScanCursor.INITIAL, next), Duration.ZERO);
    }
  }

  /**
   * Reads the generation from Redis and adopts it: a newer one always, an older one only when it is
   * older than what this node knew before the read (Redis lost data). Returns it.
   */
  long refreshGeneration(RedisCommands<byte[], byte[]> redis) {
    long before = generation.number;
    byte[] stored = redis.get(keys.generationKey());
    long server =
        stored == null ? 0 : Long.parseLong(new String(stored, StandardCharsets.US_ASCII));
    if (server < before) {
      generationsLost.increment();
      log.warn(
          "cache '{}': Redis at {} holds generation {} where this node knew {}: it lost data (a"
              + " restart without persistence, a flush); continuing from {}",
          name(),
          node.server,
          server,
          before,
          server);
      adopt(server, true);
    } else {
      adopt(server, false);
    }
    return server;
  }

  private synchronized void adopt(long number, boolean evenIfOlder) {
    Generation current = generation;
    if (number == current.number || (number < current.number && !evenIfOlder)) {
      return;
    }
    generation = new Generation(number, keys.entryPrefix(number));
    clearNear();
  }

  /** Handles another node's invalidation of {@code what} ("K" + key, or "*" for a clear). */
  void onInvalidation(long server, String what) {
    invalidationsReceived.increment();
    if (server > generation.number) {
      adopt(server, false);
    }
    if (near == null) {
      return;
    }
    if (what.startsWith("K")) {
      Object key;
      try {
        key = codec.decodeKey(what.substring(1));
      } catch (UndecodableEntryException e) {
        near.clear();
        return;
      }
      @SuppressWarnings("unchecked") // decoded with this cache's key types
      K typed = (K) key;
      near.invalidate(typed);
    } else {
      near.clear();
    }
  }

  // ---------------------------------------------------------------- outages

  void markLost() {
    lost.set(true);
  }

  boolean isLost() {
    return lost.get();
  }

  /**
   * Before the breaker closes: bumps the generation if a change was lost while Redis was
   * unreachable, then re-reads it. On the background thread.
   */
  void recover(RedisCommands<byte[], byte[]> redis) {
    if (lost.getAndSet(false)) {
      long before = generation.number;
      try {
        roundTrips.increment();
        long next = (Long) call(Scripts.CLEAR, EMPTY).apply(redis);
        cleared(next, before);
        log.info(
            "cache '{}': changes made while Redis was unreachable were not applied to it; its"
                + " generation is now {}, so nothing cached before the outage is read again",
            name(),
            next);
      } catch (RuntimeException e) {
        lost.set(true);
        throw e;
      }
    }
    refreshGeneration(redis);
  }

  void clearNear() {
    if (near != null) {
      near.clear();
    }
  }

  /**
   * Deletes the keys of generations before {@code below}, one SCAN page at a time, on the
   * background thread; stops quietly when Redis is unreachable (entries with a TTL expire anyway).
   */
  private void sweep(ScanCursor cursor, long below) {
    RedisCommands<byte[], byte[]> redis = node.backgroundCommands();
    if (redis == null) {
      return;
    }
    try {
      KeyScanCursor<byte[]> page =
          redis.scan(cursor, new ScanArgs().match(keys.scanPattern()).limit(SWEEP_BATCH));
      List<byte[]> old = new ArrayList<>();
      for (byte[] key : page.getKeys()) {
        long of = keys.generationOf(key);
        if (of >= 0 && of < below) {
          old.add(key);
        }
      }
      if (!old.isEmpty()) {
        redis.unlink(old.toArray(new byte[0][]));
      }
      if (!page.isFinished()) {
        node.schedule(() -> sweep(page, below), Duration.ZERO);
      }
    } catch (RuntimeException e) {
      log.debug("cache '{}': the sweep of old generations stopped: {}", name(), e.toString());
    }
  }

  // ---------------------------------------------------------------- values

  /**
   * The bytes of {@code value}, or null when it cannot be cached (it does not write as JSON, or,
   * checked on the first value, its JSON does not read back); logged.
   */
  private byte[] encodeForStore(Object value) {
    byte[] bytes;
    try {
      bytes = codec.encode(value);
    } catch (RuntimeException e) {
      encodeError(e.getMessage(), e);
      return null;
    }
    if (value != StoreCache.ABSENT && !verified.get()) {
      try {
        codec.decode(bytes);
        verified.set(true);
      } catch (UndecodableEntryException e) {
        encodeError(
            "a value of "
                + value.getClass().getName()
                + " does not read back from its JSON ("
                + e.getMessage()
                + "); give the type a constructor Jackson can call (a record, a class compiled"
                + " with -parameters, @JsonCreator) or pass RedisStore a JsonCodec whose mapper"
                + " knows it. Its values are not cached",
            e);
        return null;
      }
    }
    return bytes;
  }

  private void encodeError(String message, Throwable e) {
    long last = lastEncodeError.get();
    long now = System.nanoTime();
    if (now - last >= LOG_EVERY_NANOS && lastEncodeError.compareAndSet(last, now)) {
      log.error("cache '{}': {}", name(), message, e);
    }
  }

  private void undecodable(byte[] encodedKey, String why) {
    decodeFailures.increment();
    long last = lastDecodeWarning.get();
    long now = System.nanoTime();
    if (now - last >= LOG_EVERY_NANOS && lastDecodeWarning.compareAndSet(last, now)) {
      log.warn(
          "cache '{}', key {}: the entry in Redis does not decode, so it is a miss (the next fill"
              + " replaces it): {}",
          name(),
          new String(encodedKey, StandardCharsets.UTF_8),
          why);
    }
  }

  private void nearFill(K key, Object entry, long version, Duration ttl) {
    if (near != null && node.nearLive()) {
      Duration absentLife =
          ttl == null || entry != StoreCache.ABSENT ? nearAbsentLife : shorter(nearAbsentLife, ttl);
      near.fill(key, entry, version, absentLife);
    }
  }

  // ---------------------------------------------------------------- statistics

  @Override
  public Map<String, Long> statistics() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("near.hits", nearHits.sum());
    counts.put("remote.hits", remoteHits.sum());
    counts.put("remote.misses", remoteMisses.sum());
    counts.put("remote.roundTrips", roundTrips.sum());
    counts.put("decode.failures", decodeFailures.sum());
    counts.put("lease.waits", leaseWaits.sum());
    counts.put("lease.denied", leasesDenied.sum());
    counts.put("invalidations.received", invalidationsReceived.sum());
    counts.put("breaker.open", node.breaker.isClosed() ? 0L : 1L);
    counts.put("generation", generation.number);
    counts.put("generation.lost", generationsLost.sum());
    if (near != null) {
      counts.put("near.size", near.size());
      counts.put("near.live", node.nearLive() ? 1L : 0L);
    }
    return counts;
  }

  @Override
  public String toString() {
    return "Redis cache '" + name() + "' at " + node.server + " (" + keys + ")";
  }

  // ---------------------------------------------------------------- helpers

  private static long number(Object reply) {
    return ((Number) reply).longValue();
  }

  private static byte[] millis(Duration ttl) {
    if (ttl == null) {
      return NO_TTL;
    }
    long millis;
    try {
      millis = Math.max(1, ttl.toMillis());
    } catch (ArithmeticException e) {
      millis = Long.MAX_VALUE;
    }
    // Redis refuses an expiry whose deadline overflows; a century is "never" for a cache.
    millis = Math.min(millis, TimeUnit.DAYS.toMillis(36_500));
    return Long.toString(millis).getBytes(StandardCharsets.US_ASCII);
  }

  private static Duration shorter(Duration a, Duration b) {
    return b == null || a.compareTo(b) <= 0 ? a : b;
  }

  /** The generation this node reads: its number and the prefix of its entry keys. */
  private static final class Generation {
    final long number;
    final byte[] entryPrefix;

    Generation(long number, byte[] entryPrefix) {
      this.number = number;
      this.entryPrefix = entryPrefix;
    }
  }

  /** The token of an announced write-through write; empty when it could not be announced. */
  static final class WriteToken {
    static final WriteToken UNANNOUNCED = new WriteToken("");

    final String value;

    WriteToken(String value) {
      this.value = value;
    }

    @Override
    public String toString() {
      return value.isEmpty() ? "unannounced write" : "write " + value;
    }
  }
}
