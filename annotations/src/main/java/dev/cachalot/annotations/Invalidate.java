package dev.cachalot.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Invalidates a key, or a whole cache, after the annotated method returns normally (not when it
 * throws). Repeatable, and allowed on any method of a DAO interface, with or without a strategy
 * annotation. Example:
 *
 * <pre>{@code
 * @Invalidate(cache = "products", key = "productId")
 * @Invalidate(cache = "categories", all = true)
 * void reprice(long productId, BigDecimal price);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Invalidate.List.class)
public @interface Invalidate {

  /**
   * The cache to invalidate. Empty (the default) means the interface's {@link
   * CacheDefaults#cache()}. Example: {@code cache = "products"}.
   */
  String cache() default "";

  /**
   * A key expression over the parameters, as in {@link CacheAside#key()}, giving the key to
   * invalidate. Empty (the default) means the {@link Key} parameters, or else every parameter.
   * Ignored when {@link #all()} is true.
   */
  String key() default "";

  /**
   * Whether to clear the whole cache instead of one key. Default {@code false}. Example: {@code all
   * = true}.
   */
  boolean all() default false;

  /** The container that makes {@link Invalidate} repeatable. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface List {
    /** The repeated annotations. */
    Invalidate[] value();
  }
}
