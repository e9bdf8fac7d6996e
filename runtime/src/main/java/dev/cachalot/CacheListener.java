package dev.cachalot;

/**
 * Hears what the caches of a {@link Cachalot} do: hits, misses, loads, fills, writes, flushes and
 * their failures. Register listeners with {@link Cachalot.Builder#listener}.
 *
 * <p>Listeners are called synchronously on the thread that did the work (a caller's thread, or a
 * write-behind flusher thread), so they must be thread-safe and quick, and must not call back into
 * the cache that reported the event. A listener that throws does not break the cache: the exception
 * is logged once per listener and otherwise ignored. When no listener is registered, no events are
 * built at all.
 */
@FunctionalInterface
public interface CacheListener {

  /** Called for every event of every cache; must not block. */
  void onEvent(CacheEvent event);
}
