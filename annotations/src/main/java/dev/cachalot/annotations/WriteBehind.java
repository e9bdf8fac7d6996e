package dev.cachalot.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches a DAO method with the write-behind strategy: a write goes into the cache and a buffer and
 * returns at once; a flusher writes the buffer to the DAO every {@link #flushMillis()} or as soon
 * as {@link #maxBatch()} entries wait, keeping only the last write of each key. A delete removes
 * the key from the cache at once and is written in order with the writes. Reads are served from the
 * cache, then from the buffer, then from the DAO.
 *
 * <p>A write-behind write returns {@code void}: the database has not seen it yet when the call
 * returns. The buffer settings belong to the cache and may be given on any one of its methods, or
 * repeated identically. Example:
 *
 * <pre>{@code
 * @WriteBehind(cache = "events", flushMillis = 500, maxBatch = 1000, batchMethod = "insertAll")
 * void record(@CacheValue PageView view);
 *
 * void insertAll(List<PageView> views);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WriteBehind {

  /** The value of {@link #flushMillis()} when no method of the cache gives one. */
  long DEFAULT_FLUSH_MILLIS = 1000;

  /** The value of {@link #maxBatch()} when no method of the cache gives one. */
  int DEFAULT_MAX_BATCH = 500;

  /** The value of {@link #capacity()} when no method of the cache gives one. */
  int DEFAULT_CAPACITY = 100_000;

  /**
   * The name of the cache. Empty (the default) means the interface's {@link CacheDefaults#cache()}.
   * Example: {@code cache = "events"}.
   */
  String cache() default "";

  /**
   * A key expression over the parameters, as in {@link CacheAside#key()}; writes to one key are
   * coalesced. Empty (the default) means the {@link Key} parameters, or else every parameter that
   * is not the value. Example: {@code key = "view.id"}.
   */
  String key() default "";

  /**
   * How long an entry lives in the cache after it was written or filled, as in {@link
   * CacheAside#ttl()}. A pending write stays readable until it is flushed whatever its TTL. Empty
   * (the default) means {@link CacheDefaults#ttl()}, else no expiry.
   */
  String ttl() default "";

  /**
   * How often, in milliseconds, the buffer is written to the DAO. Default {@value
   * #DEFAULT_FLUSH_MILLIS}; must be positive. Example: {@code flushMillis = 250}.
   */
  long flushMillis() default DEFAULT_FLUSH_MILLIS;

  /**
   * How many pending keys trigger a flush before {@link #flushMillis()} elapses, and the largest
   * batch handed to {@link #batchMethod()}. Default {@value #DEFAULT_MAX_BATCH}; must be positive.
   */
  int maxBatch() default DEFAULT_MAX_BATCH;

  /**
   * How many keys may wait in the buffer. A write of a new key into a full buffer blocks until a
   * flush makes room, up to a timeout, and then fails with an exception; it is never dropped.
   * Default {@value #DEFAULT_CAPACITY}; must be at least {@link #maxBatch()}.
   */
  int capacity() default DEFAULT_CAPACITY;

  /**
   * The name of a method of the same interface that writes many values at once, taking one {@code
   * Collection}, {@code List} or {@code Iterable} of the value type, for example {@code void
   * insertAll(List<PageView> views)}. Empty (the default) means each value is written with the
   * annotated write method.
   */
  String batchMethod() default "";
}
