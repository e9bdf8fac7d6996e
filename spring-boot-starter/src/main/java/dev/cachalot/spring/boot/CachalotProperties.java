package dev.cachalot.spring.boot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code cachalot.*} properties: how the auto-configured {@code Cachalot} is built, and whether
 * DAO beans are decorated. Each maps to the {@code Cachalot.Builder} method of the same name, and
 * has its default.
 *
 * <p>Not thread-safe: bound once at startup, then only read.
 */
@ConfigurationProperties("cachalot")
public class CachalotProperties {

  /** Where the caches keep their entries. */
  private final Store store = new Store();

  /**
   * The fraction by which each entry's TTL is shortened at random (0 to below 1), so that entries
   * filled together do not all expire together.
   */
  private double ttlJitter = 0;

  /** The backoff of failed write-behind writes: exponential with jitter, per key. */
  private final RetryBackoff retryBackoff = new RetryBackoff();

  /**
   * After how many failed attempts in a row a write-behind write counts as still failing (a
   * WRITE_STILL_FAILING event, a warning, and health DOWN).
   */
  private int stillFailingAfter = 5;

  /**
   * How long a write-behind write of a new key waits while the buffer is full before it fails; zero
   * fails at once.
   */
  private Duration writeBehindFullTimeout = Duration.ofSeconds(10);

  /**
   * How long closing Cachalot (at context shutdown) keeps flushing the write-behind buffers before
   * it gives up the writes left.
   */
  private Duration closeTimeout = Duration.ofSeconds(30);

  /**
   * Whether DAO interfaces without a generated decorator (the annotation processor did not run)
   * fail instead of being decorated at run time.
   */
  private boolean requireGenerated = false;

  /**
   * Whether every bean that implements a DAO interface with Cachalot annotations is replaced by its
   * decorator.
   */
  private boolean decorateBeans = true;

  /** Properties with their defaults; Spring Boot binds them. */
  public CachalotProperties() {}

  public Store getStore() {
    return store;
  }

  public double getTtlJitter() {
    return ttlJitter;
  }

  public void setTtlJitter(double ttlJitter) {
    this.ttlJitter = ttlJitter;
  }

  public RetryBackoff getRetryBackoff() {
    return retryBackoff;
  }

  public int getStillFailingAfter() {
    return stillFailingAfter;
  }

  public void setStillFailingAfter(int stillFailingAfter) {
    this.stillFailingAfter = stillFailingAfter;
  }

  public Duration getWriteBehindFullTimeout() {
    return writeBehindFullTimeout;
  }

  public void setWriteBehindFullTimeout(Duration writeBehindFullTimeout) {
    this.writeBehindFullTimeout = writeBehindFullTimeout;
  }

  public Duration getCloseTimeout() {
    return closeTimeout;
  }

  public void setCloseTimeout(Duration closeTimeout) {
    this.closeTimeout = closeTimeout;
  }

  public boolean isRequireGenerated() {
    return requireGenerated;
  }

  public void setRequireGenerated(boolean requireGenerated) {
    this.requireGenerated = requireGenerated;
  }

  public boolean isDecorateBeans() {
    return decorateBeans;
  }

  public void setDecorateBeans(boolean decorateBeans) {
    this.decorateBeans = decorateBeans;
  }

  /** The kinds of store the starter builds. */
  public enum StoreType {
    /** Cachalot's in-process store (Caffeine): entries live in this JVM's heap. */
    MEMORY
  }

  /** {@code cachalot.store.*}. */
  public static class Store {

    /** The defaults: the in-process store. */
    public Store() {}

    /** The kind of store. */
    private StoreType type = StoreType.MEMORY;

    /** The in-process store. */
    private final Memory memory = new Memory();

    public StoreType getType() {
      return type;
    }

    public void setType(StoreType type) {
      this.type = type;
    }

    public Memory getMemory() {
      return memory;
    }
  }

  /** {@code cachalot.store.memory.*}. */
  public static class Memory {

    /** The defaults: no maximum size. */
    public Memory() {}

    /**
     * The most entries each cache holds (least useful go first); by default only TTLs bound a
     * cache.
     */
    private Long maximumSize;

    public Long getMaximumSize() {
      return maximumSize;
    }

    public void setMaximumSize(Long maximumSize) {
      this.maximumSize = maximumSize;
    }
  }

  /** {@code cachalot.retry-backoff.*}. */
  public static class RetryBackoff {

    /** The defaults: 100 ms to 30 s. */
    public RetryBackoff() {}

    /** The delay before the first retry of a failed write-behind write. */
    private Duration initial = Duration.ofMillis(100);

    /** The longest delay between two retries of a failed write-behind write. */
    private Duration max = Duration.ofSeconds(30);

    public Duration getInitial() {
      return initial;
    }

    public void setInitial(Duration initial) {
      this.initial = initial;
    }

    public Duration getMax() {
      return max;
    }

    public void setMax(Duration max) {
      this.max = max;
    }
  }
}
