package dev.cachalot;

import dev.cachalot.internal.CacheAsideEngine;
import dev.cachalot.internal.CacheEngine;
import dev.cachalot.internal.DecoratorContext;
import dev.cachalot.internal.DeferredWrite;
import dev.cachalot.internal.Loading;
import dev.cachalot.internal.ResultWriting;
import dev.cachalot.internal.ValueWriting;
import dev.cachalot.internal.WriteBehindEngine;
import dev.cachalot.internal.WriteThroughEngine;
import dev.cachalot.internal.Writing;
import java.util.function.Function;

/**
 * What the bodies of generated decorator methods do, as static methods, for the tests that drive
 * engines directly: each calls the engine exactly as the processor's {@code DecoratorWriter} emits.
 */
final class Generated {

  /** A DAO call that returns a value. */
  @FunctionalInterface
  interface Call<R, X extends Throwable> {
    R call() throws X;
  }

  /** A DAO call that returns nothing. */
  @FunctionalInterface
  interface Run<X extends Throwable> {
    void run() throws X;
  }

  private Generated() {}

  /** The caches of {@code cachalot} as a decorator sees them. */
  static DecoratorContext caches(Cachalot cachalot) {
    return cachalot.contextFor(Generated.class);
  }

  /** The miss branch of a generated read. */
  static <K, V, X extends Throwable> V load(
      CacheEngine<K, V> engine, K key, Call<? extends V, X> loader) throws X {
    Loading<V> loading = engine.startLoad(key);
    try {
      return loading.isLeader() ? loading.fill(loader.call()) : loading.join();
    } catch (Throwable e) {
      loading.failed(e);
      throw e;
    }
  }

  static <K, V, X extends Throwable> void write(CacheAsideEngine<K, V> engine, K key, Run<X> write)
      throws X {
    finish(engine.startWrite(key), write);
  }

  static <K, V, R, X extends Throwable> R writeReturning(
      CacheAsideEngine<K, V> engine, K key, Call<R, X> write) throws X {
    Writing writing = engine.startWrite(key);
    R result;
    try {
      result = write.call();
    } catch (Throwable e) {
      writing.failed(e);
      throw e;
    }
    writing.succeeded();
    return result;
  }

  static <K, V, X extends Throwable> void delete(
      CacheAsideEngine<K, V> engine, K key, Run<X> delete) throws X {
    finish(engine.startDelete(key), delete);
  }

  static <K, V, X extends Throwable> void write(
      WriteThroughEngine<K, V> engine, K key, V value, Run<X> write) throws X {
    ValueWriting<V> writing = engine.startWrite(key);
    try {
      write.run();
    } catch (Throwable e) {
      writing.failed(e);
      throw e;
    }
    writing.succeeded(value);
  }

  static <K, V, R, X extends Throwable> R writeReturning(
      WriteThroughEngine<K, V> engine, K key, V value, Call<R, X> write) throws X {
    ValueWriting<V> writing = engine.startWrite(key);
    R result;
    try {
      result = write.call();
    } catch (Throwable e) {
      writing.failed(e);
      throw e;
    }
    writing.succeeded(value);
    return result;
  }

  static <K, V, X extends Throwable> V writeAndCacheResult(
      WriteThroughEngine<K, V> engine, K key, Call<V, X> write) throws X {
    ValueWriting<V> writing = engine.startWrite(key);
    V result;
    try {
      result = write.call();
    } catch (Throwable e) {
      writing.failed(e);
      throw e;
    }
    writing.succeeded(result);
    return result;
  }

  static <K, V, X extends Throwable> V writeAndCacheResult(
      WriteThroughEngine<K, V> engine, Call<V, X> write, Function<V, K> keyOf) throws X {
    ResultWriting<K, V> writing = engine.startWriteOfResult();
    V result;
    try {
      result = write.call();
    } catch (Throwable e) {
      writing.failed(e);
      throw e;
    }
    writing.succeeded(result == null ? null : keyOf.apply(result), result);
    return result;
  }

  static <K, V, X extends Throwable> void delete(
      WriteThroughEngine<K, V> engine, K key, Run<X> delete) throws X {
    finish(engine.startDelete(key), delete);
  }

  static <K, V> void write(WriteBehindEngine<K, V> engine, K key, V value, DeferredWrite write) {
    engine.write(key, value, write);
  }

  static <K, V> void delete(WriteBehindEngine<K, V> engine, K key, DeferredWrite delete) {
    engine.delete(key, delete);
  }

  private static <X extends Throwable> void finish(Writing writing, Run<X> call) throws X {
    try {
      call.run();
    } catch (Throwable e) {
      writing.failed(e);
      throw e;
    }
    writing.succeeded();
  }
}
