package dev.cachalot.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter that a write stores: a method with a {@code @CacheValue} parameter is a
 * write. Without it, a method whose parameters are the key plus exactly one other parameter treats
 * that one as the value when it returns {@code void}, or when it returns that parameter's type (the
 * value as the database stored it); a method that returns anything else is a read. So a write that
 * returns a row count needs the marker. Example: {@code int update(@CacheValue Product product)}
 * with {@code key = "product.id"}, or {@code void put(@Key String token, @CacheValue Session
 * session)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface CacheValue {}
