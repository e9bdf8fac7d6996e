package dev.cachalot.store;

import dev.cachalot.CacheSpec;

/**
 * How a store that keeps entries outside the heap (Redis, the write-behind journal) writes keys and
 * values as bytes, for the key and value types a cache declares ({@link CacheSpec#keyTypes()},
 * {@link CacheSpec#valueType()}, generic type arguments included). The value may be {@link
 * StoreCache#ABSENT}, a remembered absence, which must round-trip too. The JSON codec of {@code
 * cachalot-redis} is the one Cachalot ships; it never uses Java serialization.
 *
 * <p>Implementations must be thread-safe.
 */
public interface EntryCodec {

  /** {@code value} (a value of the cache's value type, or ABSENT) as bytes. */
  byte[] encodeValue(CacheSpec cache, Object value);

  /**
   * The value {@code bytes} encode: a value of the cache's value type, or ABSENT.
   *
   * @throws UndecodableEntryException when the bytes are not an entry this codec wrote for the
   *     cache's value type (corrupt, foreign, or an older shape it cannot read); stores treat it as
   *     a miss
   */
  Object decodeValue(CacheSpec cache, byte[] bytes);

  /**
   * {@code key} as a string that is equal for equal keys and different for different ones, for
   * stores that address entries by name (a Redis key, a journal record).
   */
  String encodeKey(CacheSpec cache, Object key);

  /**
   * The key {@code encoded} stands for.
   *
   * @throws UndecodableEntryException when it is not a key this codec wrote for the cache
   */
  Object decodeKey(CacheSpec cache, String encoded);

  /** Thrown when bytes are not an entry the codec can read; a store treats it as a miss. */
  final class UndecodableEntryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception that says which cache the bytes were for and why they do not decode. */
    public UndecodableEntryException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
