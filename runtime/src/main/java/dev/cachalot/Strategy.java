package dev.cachalot;

/** The caching strategy of a named cache. */
public enum Strategy {
  /** Database first, then invalidate; reads fill on a miss. */
  CACHE_ASIDE,
  /** Database first, then the cache, synchronously. */
  WRITE_THROUGH,
  /** Cache and buffer at once; the database later, batched and coalesced. */
  WRITE_BEHIND
}
