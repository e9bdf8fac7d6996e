package dev.cachalot.examples.simulator;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code simulator.*} properties: the write-behind durability (which the page can switch), the
 * store, and the simulated network's latencies.
 */
@ConfigurationProperties("simulator")
public class SimulatorProperties {

  /** Where the write-behind buffer keeps acknowledged writes. */
  public enum Durability {
    /** In the heap only: a crash loses what was not flushed. */
    MEMORY,
    /** Also in a local append-only journal, replayed at start ({@code LocalJournal}). */
    JOURNAL
  }

  /** Where the caches keep their entries. */
  public enum StoreKind {
    /** Cachalot's in-process store (Caffeine) on the simulator's clock. */
    MEMORY,
    /** Redis ({@code cachalot-redis}), at {@code simulator.redis-uri}. */
    REDIS
  }

  /** Where the write-behind buffer keeps acknowledged writes: memory or journal. */
  private volatile Durability durability = Durability.MEMORY;

  /** The journal's directory; blank: a temporary one for the run, deleted when it stops. */
  private String journalDirectory = "";

  /** Where the caches keep their entries: memory, or redis (implied by a redis-uri). */
  private StoreKind store = StoreKind.MEMORY;

  /** The Redis URI of the redis store; {@code --redis-uri=...} on the command line sets it. */
  private String redisUri = "";

  /** The simulated network. */
  private final LatencyProperties latency = new LatencyProperties();

  public Durability getDurability() {
    return durability;
  }

  public void setDurability(Durability durability) {
    this.durability = durability;
  }

  /** The store kind; a Redis URI makes it redis. */
  public StoreKind getStore() {
    return redisUri == null || redisUri.isBlank() ? store : StoreKind.REDIS;
  }

  public void setStore(StoreKind store) {
    this.store = store;
  }

  public String getJournalDirectory() {
    return journalDirectory;
  }

  public void setJournalDirectory(String journalDirectory) {
    this.journalDirectory = journalDirectory;
  }

  public String getRedisUri() {
    return redisUri;
  }

  public void setRedisUri(String redisUri) {
    this.redisUri = redisUri;
  }

  public LatencyProperties getLatency() {
    return latency;
  }

  /** {@code simulator.latency.*}: the article's figures by default. */
  public static class LatencyProperties {
    private boolean enabled = Latency.Settings.ARTICLE.enabled();
    private double cacheGetMs = Latency.Settings.ARTICLE.cacheGetMs();
    private double cacheSetMs = Latency.Settings.ARTICLE.cacheSetMs();
    private double cacheDeleteMs = Latency.Settings.ARTICLE.cacheDeleteMs();
    private double dbReadMs = Latency.Settings.ARTICLE.dbReadMs();
    private double dbWriteMs = Latency.Settings.ARTICLE.dbWriteMs();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public double getCacheGetMs() {
      return cacheGetMs;
    }

    public void setCacheGetMs(double cacheGetMs) {
      this.cacheGetMs = cacheGetMs;
    }

    public double getCacheSetMs() {
      return cacheSetMs;
    }

    public void setCacheSetMs(double cacheSetMs) {
      this.cacheSetMs = cacheSetMs;
    }

    public double getCacheDeleteMs() {
      return cacheDeleteMs;
    }

    public void setCacheDeleteMs(double cacheDeleteMs) {
      this.cacheDeleteMs = cacheDeleteMs;
    }

    public double getDbReadMs() {
      return dbReadMs;
    }

    public void setDbReadMs(double dbReadMs) {
      this.dbReadMs = dbReadMs;
    }

    public double getDbWriteMs() {
      return dbWriteMs;
    }

    public void setDbWriteMs(double dbWriteMs) {
      this.dbWriteMs = dbWriteMs;
    }

    Latency.Settings settings() {
      return new Latency.Settings(
          enabled, cacheGetMs, cacheSetMs, cacheDeleteMs, dbReadMs, dbWriteMs);
    }
  }
}
