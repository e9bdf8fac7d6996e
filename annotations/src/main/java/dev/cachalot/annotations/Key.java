package dev.cachalot.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a parameter as a part of the cache key. With several, the key has several parts, in the
 * order of the parameters. Without any {@code @Key} and without a {@code key} expression, the key
 * is every parameter that is not the value. Example: {@code Optional<Price> find(@Key long
 * productId, Currency display)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Key {}
