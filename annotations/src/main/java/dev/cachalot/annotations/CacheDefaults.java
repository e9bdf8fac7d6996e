package dev.cachalot.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Defaults for the annotated methods of one DAO interface. Example:
 *
 * <pre>{@code
 * @CacheDefaults(cache = "products", ttl = "10m")
 * public interface ProductDao { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CacheDefaults {

  /**
   * The cache that methods of this interface use when their annotation names none. Empty (the
   * default) means every annotation must name its cache. Example: {@code cache = "products"}.
   */
  String cache() default "";

  /**
   * The TTL of caches used by this interface whose methods give none, in the format of {@link
   * CacheAside#ttl()}. Empty (the default) means no expiry. Example: {@code ttl = "10m"}.
   */
  String ttl() default "";
}
