package dev.cachalot.internal;

/**
 * The cache-aside engine as a decorator sees it: a write or delete goes to the database, then the
 * key is invalidated (also when the database call throws). A write is:
 *
 * <pre>{@code
 * Writing writing = products.startWrite(product.id());
 * try {
 *   delegate.save(product);
 * } catch (Throwable e) {
 *   writing.failed(e);
 *   throw e;
 * }
 * writing.succeeded();
 * }</pre>
 *
 * <p>Thread-safe; nothing blocks but the database call the decorator makes.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface CacheAsideEngine<K, V> extends CacheEngine<K, V> {

  /** Starts a write of {@code key}; on success the key is invalidated. */
  Writing startWrite(K key);

  /** Starts a delete of {@code key}; on success the key is invalidated. */
  Writing startDelete(K key);
}
