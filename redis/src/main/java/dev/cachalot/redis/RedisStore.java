package dev.cachalot.redis;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cachalot.CacheSpec;
import dev.cachalot.store.Store;
import dev.cachalot.store.StoreCache;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Objects;

/**
 * The Redis tier: caches that every node (every process with a {@code Cachalot} on the same Redis
 * and namespace) shares, on Lettuce, with an optional near cache per node that the other nodes'
 * changes invalidate.
 *
 * <pre>{@code
 * Cachalot cachalot = Cachalot.builder()
 *     .store(RedisStore.connect("redis://127.0.0.1:6379").namespace("shop").withNearCache())
 *     .build();
 * }</pre>
 *
 * <p>What each strategy promises across nodes, and what happens while Redis is unreachable, is in
 * the README ("Running on several nodes"); the protocols are argued in the design notes of {@code
 * Scripts}, {@code NearCache}, {@code Breaker} and {@code RedisNode}. Values are stored as JSON by
 * the {@link JsonCodec} for the value type each cache declares.
 *
 * <p>The configuration methods return a new, unstarted store with the setting changed and leave
 * this one as it is. A store starts when the {@code Cachalot} it is given opens its first cache (at
 * the first {@code decorate}): it connects one command connection, shared and pipelined by every
 * thread, and one pub/sub connection. If Redis is unreachable then, the caches start bypassed and
 * the store connects in the background. One store serves one {@code Cachalot}: give each node its
 * own.
 *
 * <p>Thread-safe. A cache operation blocks for one round trip to Redis (at most the {@linkplain
 * #commandTimeout command timeout}), except near-cache hits, which do not block, and a miss whose
 * key another node is loading, which waits at most the {@linkplain #leaseWait lease wait} for that
 * node's fill. While Redis is unreachable operations fail at once, without waiting.
 */
public final class RedisStore implements Store {

  /** The near cache's defaults: entries per cache, and the longest life of an entry. */
  static final long DEFAULT_NEAR_SIZE = 10_000;

  static final Duration DEFAULT_NEAR_LIFE = Duration.ofMinutes(1);

  private final Settings settings;

  @GuardedBy("this")
  private RedisNode node;

  @GuardedBy("this")
  private boolean closed;

  private RedisStore(Settings settings) {
    this.settings = settings;
  }

  /**
   * A store on the Redis at {@code uri}, such as {@code redis://127.0.0.1:6379}, {@code
   * rediss://:password@cache.example.com:6380/2} (TLS, password, database 2); any URI Lettuce
   * reads. The store creates its own Lettuce client, and shuts it down when it closes.
   */
  public static RedisStore connect(String uri) {
    return connect(RedisURI.create(Objects.requireNonNull(uri, "uri")));
  }

  /** A store on the Redis at {@code uri}, with a Lettuce client of its own. */
  public static RedisStore connect(RedisURI uri) {
    return new RedisStore(Settings.defaults(Objects.requireNonNull(uri, "uri"), null));
  }

  /**
   * A store on the Redis at {@code uri} through {@code client}, the application's own Lettuce
   * client (its resources, options and TLS setup), which the store does not shut down. Lettuce's
   * defaults queue commands while disconnected: each such command then waits for the {@linkplain
   * #commandTimeout command timeout} before the store bypasses Redis, once.
   */
  public static RedisStore connect(RedisClient client, RedisURI uri) {
    return new RedisStore(
        Settings.defaults(
            Objects.requireNonNull(uri, "uri"), Objects.requireNonNull(client, "client")));
  }

  /**
   * The namespace every key of this store starts with ({@code shop} gives {@code
   * shop:products:...}); default {@code cachalot}. Nodes share the caches of one namespace. 1 to 64
   * of {@code A-Z a-z 0-9 _ . -}.
   */
  public RedisStore namespace(String namespace) {
    String checked = KeySpace.checkNamespace(namespace);
    return with(settings.with(s -> s.namespace = checked));
  }

  /**
   * Adds a near cache per cache on each node: at most 10,000 entries per cache, each living at most
   * a minute (and never longer than the cache's TTL). See {@link #withNearCache(long, Duration)}.
   */
  public RedisStore withNearCache() {
    return withNearCache(DEFAULT_NEAR_SIZE, DEFAULT_NEAR_LIFE);
  }

  /**
   * Adds a near cache per cache on each node, in front of Redis: a hit there costs no round trip.
   * Every change of a key on any node removes it from every near cache within milliseconds (its
   * invalidation message); {@code maximumLife} bounds how long an entry may live (and so how long a
   * node that missed an invalidation can serve it), {@code maximumSize} how many entries each cache
   * keeps.
   */
  public RedisStore withNearCache(long maximumSize, Duration maximumLife) {
    if (maximumSize < 1) {
      throw new IllegalArgumentException("the near cache must hold at least one entry");
    }
    NearSettings bounds = new NearSettings(maximumSize, positive("maximumLife", maximumLife));
    return with(settings.with(s -> s.near = bounds));
  }

  /**
   * How long one command may take before Redis counts as unreachable; default 250 ms. A dead server
   * costs a caller at most this once: then the store bypasses Redis until a probe reaches it.
   */
  public RedisStore commandTimeout(Duration timeout) {
    Duration checked = positive("commandTimeout", timeout);
    return with(settings.with(s -> s.commandTimeout = checked));
  }

  /** How long a connection attempt of the store's own client may take; default 1 s. */
  public RedisStore connectTimeout(Duration timeout) {
    Duration checked = positive("connectTimeout", timeout);
    return with(settings.with(s -> s.connectTimeout = checked));
  }

  /** How often a background probe tries an unreachable Redis; default 250 ms. */
  public RedisStore probeInterval(Duration interval) {
    Duration checked = positive("probeInterval", interval);
    return with(settings.with(s -> s.probeInterval = checked));
  }

  /**
   * How long a load holds the lease of its key on the server, default 5 s: a fill that comes later
   * does not land (the next read loads again), and while a load holds it, other nodes wait for it
   * (up to the {@linkplain #leaseWait lease wait}) rather than fill.
   */
  public RedisStore leaseTimeout(Duration timeout) {
    Duration checked = positive("leaseTimeout", timeout);
    return with(settings.with(s -> s.leaseTimeout = checked));
  }

  /**
   * How long a miss waits for another node's load of the same key to fill it, default 50 ms; then
   * it loads from the database itself, without filling. Zero never waits.
   */
  public RedisStore leaseWait(Duration wait) {
    if (wait == null || wait.isNegative()) {
      throw new IllegalArgumentException("leaseWait must be zero or positive, not " + wait);
    }
    return with(settings.with(s -> s.leaseWait = wait));
  }

  /**
   * How long a write-through write may take from its announcement to its completion before the
   * other writers of its key stop waiting for it, default 30 s; a write that takes longer removes
   * its key instead of caching its value.
   */
  public RedisStore writerTimeout(Duration timeout) {
    Duration checked = positive("writerTimeout", timeout);
    return with(settings.with(s -> s.writerTimeout = checked));
  }

  /** The codec of keys and values; default a {@link JsonCodec} with its default mapper. */
  public RedisStore codec(JsonCodec codec) {
    Objects.requireNonNull(codec, "codec");
    return with(settings.with(s -> s.codec = codec));
  }

  @Override
  public <K, V> StoreCache<K, V> open(CacheSpec spec) {
    Objects.requireNonNull(spec, "spec");
    RedisStoreCache<K, V> cache = new RedisStoreCache<>(node(), spec, settings.codec().bind(spec));
    cache.start();
    return cache;
  }

  /** The started node; starts it on the first call. */
  synchronized RedisNode node() {
    if (closed) {
      throw new IllegalStateException("the RedisStore is closed");
    }
    if (node == null) {
      node = new RedisNode(settings);
    }
    return node;
  }

  /** Closes the connections (and the store's own Lettuce client). Idempotent. */
  @Override
  public void close() {
    RedisNode started;
    synchronized (this) {
      closed = true;
      started = node;
      node = null;
    }
    if (started != null) {
      started.close();
    }
  }

  /** Where the store is: {@code Redis at redis://host:6379/0, namespace shop, near cache ...}. */
  @Override
  public String toString() {
    NearSettings near = settings.near();
    return "Redis at "
        + RedisNode.describe(settings.uri())
        + ", namespace "
        + settings.namespace()
        + (near == null
            ? ""
            : ", near cache (at most "
                + near.maximumSize()
                + " entries per cache, each for at most "
                + near.maximumLife().toSeconds()
                + " s)");
  }

  private RedisStore with(Settings changed) {
    return new RedisStore(changed);
  }

  private static Duration positive(String what, Duration duration) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, not " + duration);
    }
    return duration;
  }

  /** The near cache's bounds. */
  record NearSettings(long maximumSize, Duration maximumLife) {}

  /**
   * Everything a store is configured with. A store's settings are a copy that nothing changes after
   * the store was made ({@link #with}), so reading them needs no lock.
   */
  static final class Settings implements Cloneable {
    private RedisURI uri;
    private RedisClient client;
    private String namespace = "cachalot";
    private NearSettings near;
    private Duration commandTimeout = Duration.ofMillis(250);
    private Duration connectTimeout = Duration.ofSeconds(1);
    private Duration probeInterval = Duration.ofMillis(250);
    private Duration leaseTimeout = Duration.ofSeconds(5);
    private Duration leaseWait = Duration.ofMillis(50);
    private Duration writerTimeout = Duration.ofSeconds(30);
    private JsonCodec codec = new JsonCodec();

    static Settings defaults(RedisURI uri, RedisClient client) {
      Settings settings = new Settings();
      settings.uri = uri;
      settings.client = client;
      return settings;
    }

    /** A copy of these settings with {@code change} applied. */
    Settings with(java.util.function.Consumer<Settings> change) {
      Settings copy;
      try {
        copy = (Settings) clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
      change.accept(copy);
      return copy;
    }

    RedisURI uri() {
      return uri;
    }

    /** The application's own client, or null when the store makes (and shuts down) its own. */
    RedisClient client() {
      return client;
    }

    String namespace() {
      return namespace;
    }

    /** The near cache's bounds, or null without a near cache. */
    NearSettings near() {
      return near;
    }

    Duration commandTimeout() {
      return commandTimeout;
    }

    Duration connectTimeout() {
      return connectTimeout;
    }

    Duration probeInterval() {
      return probeInterval;
    }

    Duration leaseTimeout() {
      return leaseTimeout;
    }

    Duration leaseWait() {
      return leaseWait;
    }

    Duration writerTimeout() {
      return writerTimeout;
    }

    JsonCodec codec() {
      return codec;
    }
  }
}
