package dev.cachalot.redis;

import dev.cachalot.store.StoreUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Design note: one node's connections to Redis, and what it does when they break.
 *
 * A node is one started RedisStore: one id (random, in every invalidation it sends), one shared
 * command connection (Lettuce multiplexes and pipelines the commands of every thread on it), one
 * pub/sub connection subscribed to the namespace's invalidation channel, one breaker, and one
 * background thread for the probe, the generation refreshes and the sweeps of old generations.
 * Nothing here runs on a caller's thread except the command of the call itself.
 *
 * Near caches are live (served, and filled) only while the subscription stands and the breaker is
 * closed: without the subscription, invalidations from other nodes would be missed; with the
 * breaker open, other nodes may be changing the database while their invalidations are being
 * lost. Every transition into or out of "live" empties every near cache, after (re)subscribing and
 * re-reading the generations: messages may have been lost while the subscription was down
 * (Redisson keeps such entries; its #4034), and Lettuce resubscribes by itself after a reconnect,
 * which subscribed() hears.
 *
 * Unreachable: a failing command opens the breaker (Breaker); a lost connection opens it at once,
 * so that callers do not each wait for a timeout. The probe then tries every probe interval:
 * connect if there is no connection yet (Redis was down at start), PING, bump the generation of
 * every cache whose invalidations were lost, re-read every generation, close the breaker, and
 * make near caches live again (emptied). A store whose own client this is asks Lettuce to reject
 * commands while disconnected and to reconnect quickly; a client the user passed is used as is,
 * so a disconnected command waits for the command timeout once, then the breaker opens.
 */

/** The connections, breaker and background work of one started RedisStore; thread-safe. */
final class RedisNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RedisNode.class);

  /** How often, at most, the probe says that Redis is still unreachable. */
  private static final long PROBE_WARNING_NANOS = TimeUnit.MINUTES.toNanos(1);

  final String id;
  final Breaker breaker;
  final RedisStore.Settings settings;
  final String server;

  private final RedisClient client;

  /** The resources of the client this node made, or null when the client is the user's. */
  private final ClientResources ownResources;

  private final String channel;
  private final ScheduledThreadPoolExecutor background;
  private final Map<String, RedisStoreCache<?, ?>> caches = new ConcurrentHashMap<>();
  private final AtomicLong tokens = new AtomicLong();
  private final Object liveness = new Object();

  private volatile StatefulRedisConnection<byte[], byte[]> connection;
  private volatile StatefulRedisPubSubConnection<String, String> pubSub;
  private volatile boolean subscribed;
  private volatile boolean nearLive;
  private volatile boolean closed;

  /** When the probe last warned; the background thread only. */
  private long lastProbeWarning = System.nanoTime();

  RedisNode(RedisStore.Settings settings) {
    this.settings = settings;
    this.id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    this.server = describe(settings.uri());
    this.breaker = new Breaker(server);
    this.channel = KeySpace.channel(settings.namespace());
    if (settings.client() != null) {
      this.client = settings.client();
      this.ownResources = null;
    } else {
      ClientResources resources =
          ClientResources.builder()
              .ioThreadPoolSize(2)
              .computationThreadPoolSize(2)
              .reconnectDelay(
                  Delay.exponential(
                      Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
              .build();
      this.client = RedisClient.create(resources, settings.uri());
      client.setOptions(
          ClientOptions.builder()
              .autoReconnect(true)
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .socketOptions(
                  SocketOptions.builder().connectTimeout(settings.connectTimeout()).build())
              .build());
      this.ownResources = resources;
    }
    this.background =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "cachalot-redis-" + settings.namespace());
              thread.setDaemon(true);
              return thread;
            });
    background.setRemoveOnCancelPolicy(true);
    background.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    try {
      connect();
      subscribe();
      resubscribed();
    } catch (RuntimeException e) {
      if (breaker.open(e)) {
        log.warn(
            "Redis at {} is unreachable at start ({}); the caches are bypassed (reads go to the"
                + " database) until it answers",
            server,
            e.toString());
        scheduleProbe();
      } // else a lost connection opened it already, and started the probe
    }
  }

  // ---------------------------------------------------------------- caches

  /** Registers {@code cache} for the messages of its name. */
  void register(RedisStoreCache<?, ?> cache) {
    RedisStoreCache<?, ?> earlier = caches.putIfAbsent(cache.escapedName(), cache);
    if (earlier != null) {
      throw new IllegalStateException(
          "the RedisStore already opened cache '"
              + cache.name()
              + "': one RedisStore serves one Cachalot (one node); give each Cachalot a"
              + " RedisStore of its own");
    }
  }

  /** A fresh token for a lease or a write, unique across nodes. */
  String nextToken() {
    return id + "-" + tokens.incrementAndGet();
  }

  /**
   * Whether near caches may be read and filled now. The breaker is read too: it opens a moment
   * before the near caches are taken down, and from that moment on nothing may be served from them.
   */
  boolean nearLive() {
    return nearLive && breaker.isClosed();
  }

  /** The head of this node's messages about {@code escapedCache}. */
  byte[] messageHead(String escapedCache) {
    return (id + "\n" + escapedCache + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The invalidation channel of the namespace. */
  byte[] channel() {
    return channel.getBytes(StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- commands

  /**
   * Runs a command that changes nothing another node may have cached (a read, a lease, a fill);
   * {@code roundTrips} counts it. Fails fast while the breaker is open.
   */
  <T> T read(LongAdder roundTrips, Function<RedisCommands<byte[], byte[]>, T> command) {
    breaker.check();
    return run(roundTrips, command, null);
  }

  /**
   * Runs a change of {@code cache}'s entries. When it cannot be made (the breaker refuses it, or it
   * fails) the cache is marked as having lost an invalidation before the exception is thrown, so
   * that its generation is bumped before the breaker closes again.
   */
  <T> T change(
      RedisStoreCache<?, ?> cache,
      LongAdder roundTrips,
      Function<RedisCommands<byte[], byte[]>, T> command) {
    breaker.checkOrMarkLost(cache::markLost);
    return run(roundTrips, command, cache);
  }

  /**
   * A GET: the entry's bytes, null, or the WRONGTYPE error of a key that holds another Redis type
   * (a foreign entry, which is a miss, not an outage).
   */
  Object get(LongAdder roundTrips, byte[] key) {
    return read(
        roundTrips,
        redis -> {
          try {
            return redis.get(key);
          } catch (RedisCommandExecutionException e) {
            if (String.valueOf(e.getMessage()).startsWith("WRONGTYPE")) {
              return e;
            }
            throw e;
          }
        });
  }

  private <T> T run(
      LongAdder roundTrips,
      Function<RedisCommands<byte[], byte[]>, T> command,
      RedisStoreCache<?, ?> changed) {
    StatefulRedisConnection<byte[], byte[]> current = connection;
    if (current == null) {
      if (changed != null) {
        changed.markLost();
      }
      throw notConnected();
    }
    roundTrips.increment();
    try {
      return command.apply(current.sync());
    } catch (RuntimeException e) {
      throw failed(e, changed);
    }
  }

  private StoreUnavailableException notConnected() {
    StoreUnavailableException e =
        new StoreUnavailableException("Redis at " + server + " is not connected yet");
    trip(e);
    return e;
  }

  private StoreUnavailableException failed(RuntimeException e, RedisStoreCache<?, ?> changed) {
    if (changed != null) {
      changed.markLost();
    }
    trip(e);
    return new StoreUnavailableException("Redis at " + server + " failed: " + e, e);
  }

  /** Opens the breaker because of {@code failure}, and starts probing. */
  void trip(Throwable failure) {
    if (closed) {
      return;
    }
    if (breaker.open(failure)) {
      log.warn(
          "Redis at {} is unreachable ({}); the caches are bypassed (reads go to the database,"
              + " writes fail after it) until it answers again",
          server,
          failure.toString());
      setNearLive();
      scheduleProbe();
    }
  }

  // ---------------------------------------------------------------- probe and recovery

  /**
   * Starts the probe; called once per opening of the breaker (when open() returned true), and the
   * probe reschedules itself until it closes the breaker, so exactly one probe runs per outage.
   */
  private void scheduleProbe() {
    schedule(this::probe, settings.probeInterval());
  }

  private void probe() {
    if (closed) {
      return;
    }
    try {
      if (connection == null) {
        connect();
      }
      if (pubSub == null) {
        subscribe();
      }
      StatefulRedisConnection<byte[], byte[]> current = connection;
      current.sync().ping();
      for (RedisStoreCache<?, ?> cache : caches.values()) {
        cache.recover(current.sync());
      }
      long openNanos = breaker.closeUnless(this::anyLost);
      if (openNanos < 0) {
        schedule(this::probe, Duration.ZERO); // a change was lost meanwhile: recover it too
        return;
      }
      log.info(
          "Redis at {} is reachable again after {} ms; the caches are back",
          server,
          TimeUnit.NANOSECONDS.toMillis(openNanos));
      setNearLive();
    } catch (RuntimeException e) {
      long now = System.nanoTime();
      if (now - lastProbeWarning >= PROBE_WARNING_NANOS) {
        lastProbeWarning = now;
        log.warn(
            "Redis at {} is still unreachable ({}); trying again every {} ms",
            server,
            e.toString(),
            settings.probeInterval().toMillis());
      }
      schedule(this::probe, settings.probeInterval());
    }
  }

  private boolean anyLost() {
    for (RedisStoreCache<?, ?> cache : caches.values()) {
      if (cache.isLost()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Re-reads every cache's generation and empties the near caches; on the background thread after a
   * (re)subscription.
   */
  private void resubscribed() {
    if (closed) {
      return;
    }
    try {
      StatefulRedisConnection<byte[], byte[]> current = connection;
      if (current != null && breaker.isClosed()) {
        for (RedisStoreCache<?, ?> cache : caches.values()) {
          cache.refreshGeneration(current.sync());
        }
      }
    } catch (RuntimeException e) {
      trip(e); // the probe re-reads the generations before the breaker closes
    }
    StatefulRedisPubSubConnection<String, String> sub = pubSub;
    // A disconnect after the subscription and before this task leaves it down: it resubscribes.
    subscribed = sub != null && sub.isOpen();
    setNearLive();
  }

  /** Recomputes whether near caches are live; every change empties them. */
  private void setNearLive() {
    synchronized (liveness) {
      boolean live = subscribed && breaker.isClosed() && !closed;
      // Going live, going down, and staying live through a resubscription all empty them; only
      // staying down has nothing to empty.
      if (live || nearLive) {
        for (RedisStoreCache<?, ?> cache : caches.values()) {
          cache.clearNear();
        }
      }
      nearLive = live;
    }
  }

  /** Refreshes {@code cache}'s generation in the background (a reply suggested Redis lost data). */
  void refreshLater(RedisStoreCache<?, ?> cache) {
    schedule(
        () -> {
          StatefulRedisConnection<byte[], byte[]> current = connection;
          if (current != null && breaker.isClosed()) {
            try {
              cache.refreshGeneration(current.sync());
            } catch (RuntimeException e) {
              trip(e);
            }
          }
        },
        Duration.ZERO);
  }

  /** Runs {@code task} on the background thread after {@code delay}. */
  void schedule(Runnable task, Duration delay) {
    if (closed) {
      return;
    }
    Runnable guarded =
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            log.warn("Redis at {}: a background task failed", server, e);
          }
        };
    try {
      ScheduledFuture<?> unused =
          background.schedule(guarded, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  /** The command connection for background work, or null while there is none. */
  RedisCommands<byte[], byte[]> backgroundCommands() {
    StatefulRedisConnection<byte[], byte[]> current = connection;
    return current == null || !breaker.isClosed() ? null : current.sync();
  }

  // ---------------------------------------------------------------- connections

  private void connect() {
    StatefulRedisConnection<byte[], byte[]> opened =
        client.connect(ByteArrayCodec.INSTANCE, settings.uri());
    opened.setTimeout(settings.commandTimeout());
    opened.addListener(
        new RedisConnectionStateListener() {
          @Override
          public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
            trip(new StoreUnavailableException("the connection to Redis at " + server + " broke"));
          }

          @Override
          public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
            // The probe closes the breaker once it has bumped what was lost.
          }
        });
    connection = opened;
  }

  private void subscribe() {
    StatefulRedisPubSubConnection<String, String> opened =
        client.connectPubSub(StringCodec.UTF8, settings.uri());
    opened.setTimeout(settings.commandTimeout());
    opened.addListener(
        new RedisPubSubAdapter<String, String>() {
          @Override
          public void message(String from, String message) {
            onMessage(message);
          }

          @Override
          public void subscribed(String from, long count) {
            // The first subscription, or Lettuce's resubscription after a reconnect: messages
            // may have been missed before it, so the generations are re-read and the near caches
            // emptied (off the event loop, which must not wait for a command).
            schedule(RedisNode.this::resubscribed, Duration.ZERO);
          }
        });
    opened.addListener(
        new RedisConnectionStateListener() {
          @Override
          public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
            subscribed = false;
            setNearLive();
          }
        });
    pubSub = opened;
    opened.sync().subscribe(channel);
  }

  /** Handles one invalidation message (on a Lettuce event loop thread: quick, no commands). */
  private void onMessage(String message) {
    int first = message.indexOf('\n');
    int second = first < 0 ? -1 : message.indexOf('\n', first + 1);
    int third = second < 0 ? -1 : message.indexOf('\n', second + 1);
    if (third < 0) {
      log.debug("ignoring a message that is not an invalidation: {}", message);
      return;
    }
    if (message.regionMatches(0, id, 0, first) && first == id.length()) {
      return; // this node's own change: its near cache was updated when the change returned
    }
    RedisStoreCache<?, ?> cache = caches.get(message.substring(first + 1, second));
    if (cache == null) {
      return;
    }
    long generation;
    try {
      generation = Long.parseLong(message, second + 1, third, 10);
    } catch (NumberFormatException e) {
      cache.clearNear();
      return;
    }
    cache.onInvalidation(generation, message.substring(third + 1));
  }

  // ---------------------------------------------------------------- close

  @Override
  @SuppressWarnings("FutureReturnValueIgnored")
  public void close() {
    closed = true;
    synchronized (liveness) {
      nearLive = false;
    }
    background.shutdownNow();
    StatefulRedisPubSubConnection<String, String> sub = pubSub;
    if (sub != null) {
      sub.close();
    }
    StatefulRedisConnection<byte[], byte[]> current = connection;
    if (current != null) {
      current.close();
    }
    if (ownResources != null) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      // Netty's future of the shutdown, which this module cannot name; it ends on its own.
      ownResources.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }

  /** The server as logs and messages name it: never the password. */
  static String describe(RedisURI uri) {
    String where = uri.getSocket() != null ? uri.getSocket() : uri.getHost() + ":" + uri.getPort();
    return (uri.isSsl() ? "rediss://" : "redis://") + where + "/" + uri.getDatabase();
  }
}
