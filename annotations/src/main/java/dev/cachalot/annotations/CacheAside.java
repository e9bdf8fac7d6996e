package dev.cachalot.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches a DAO method with the cache-aside strategy: reads look in the cache and, on a miss, load
 * from the DAO once per key and fill the cache; writes and deletes go to the DAO first and then
 * invalidate the key.
 *
 * <p>The method's role (read, write or delete) follows from its shape; see {@link CacheValue} and
 * {@link Key}. Example:
 *
 * <pre>{@code
 * @CacheAside(cache = "products", ttl = "10m", negativeTtl = "30s")
 * Optional<Product> findById(long id);
 *
 * @CacheAside(cache = "products", key = "product.id")
 * void save(Product product);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CacheAside {

  /**
   * The name of the cache. Empty (the default) means the interface's {@link CacheDefaults#cache()}.
   * Every method that names one cache must agree on its strategy, key type and value type. Example:
   * {@code cache = "products"}.
   */
  String cache() default "";

  /**
   * A key expression over the method's parameters, such as {@code "id"}, {@code "product.id"} or
   * {@code "tenant, product.id"} (two parts). Empty (the default) means the parameters marked
   * {@link Key}, or else every parameter that is not the value.
   */
  String key() default "";

  /**
   * How long an entry lives after it was filled: {@code "500ms"}, {@code "30s"}, {@code "10m"},
   * {@code "2h"}, {@code "1d"} or ISO-8601 such as {@code "PT10M"}. Empty (the default) means the
   * interface's {@link CacheDefaults#ttl()}, and if that is empty too, no expiry.
   */
  String ttl() default "";

  /**
   * How long the absence of a row is remembered (a read that found nothing), in the same format as
   * {@link #ttl()}. Empty (the default) means absence is not cached and every read of a missing key
   * goes to the DAO. Example: {@code negativeTtl = "30s"}.
   */
  String negativeTtl() default "";
}
