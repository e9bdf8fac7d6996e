package dev.cachalot.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches a DAO method with the write-through strategy: a write goes to the DAO and then, once the
 * DAO succeeded, into the cache, before the call returns; reads are served from the cache and load
 * from the DAO on a miss; deletes remove from both.
 *
 * <p>A write that returns the value type caches the returned value, so that values the database
 * completes (generated ids, timestamps) are what the cache holds. Example:
 *
 * <pre>{@code
 * @WriteThrough(cache = "sessions", ttl = "30m")
 * Optional<Session> find(String token);
 *
 * @WriteThrough(cache = "sessions", key = "result.token")
 * Session create(NewSession request);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WriteThrough {

  /**
   * The name of the cache. Empty (the default) means the interface's {@link CacheDefaults#cache()}.
   * Example: {@code cache = "sessions"}.
   */
  String cache() default "";

  /**
   * A key expression over the parameters, as in {@link CacheAside#key()}. In a write that returns
   * the value, {@code result} names the returned value: {@code key = "result.id"}. Empty (the
   * default) means the {@link Key} parameters, or else every parameter that is not the value.
   */
  String key() default "";

  /**
   * How long an entry lives after it was written or filled, as in {@link CacheAside#ttl()}. Empty
   * (the default) means {@link CacheDefaults#ttl()}, else no expiry. Example: {@code ttl = "30m"}.
   */
  String ttl() default "";
}
