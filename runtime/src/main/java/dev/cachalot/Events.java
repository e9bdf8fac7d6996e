package dev.cachalot;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link CacheEvent}s to the listeners of one {@link Cachalot}. With no listener, {@link
 * #emit} returns at once without building an event, so engines may call it on the hot path.
 * Immutable list of listeners, so thread-safe; a listener that throws is logged once and ignored.
 */
final class Events {

  private static final Logger log = LoggerFactory.getLogger(Events.class);

  private final List<Subscriber> subscribers;
  private final boolean enabled;

  Events(List<CacheListener> listeners) {
    List<Subscriber> list = new ArrayList<>(listeners.size());
    for (CacheListener listener : listeners) {
      list.add(new Subscriber(listener));
    }
    this.subscribers = List.copyOf(list);
    this.enabled = !list.isEmpty();
  }

  /** Whether any listener is registered; callers check it before timing things just for events. */
  boolean enabled() {
    return enabled;
  }

  void emit(CacheEvent.Kind kind, String cache, Object key, long durationNanos, Throwable error) {
    emit(kind, cache, key, durationNanos, error, 0);
  }

  /** Emits an event of a write-behind attempt; see {@link CacheEvent#attempt}. */
  void emit(
      CacheEvent.Kind kind,
      String cache,
      Object key,
      long durationNanos,
      Throwable error,
      int attempt) {
    if (!enabled) {
      return;
    }
    CacheEvent event = new CacheEvent(kind, cache, key, durationNanos, error, attempt);
    for (Subscriber subscriber : subscribers) {
      subscriber.deliver(event);
    }
  }

  private static final class Subscriber {
    private final CacheListener listener;
    private final AtomicBoolean failedBefore = new AtomicBoolean();

    Subscriber(CacheListener listener) {
      this.listener = listener;
    }

    void deliver(CacheEvent event) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException | Error e) {
        if (e instanceof VirtualMachineError) {
          throw e;
        }
        if (failedBefore.compareAndSet(false, true)) {
          log.warn(
              "Cachalot listener {} threw on event {} of cache '{}'; its failures are ignored"
                  + " (and logged only this once)",
              listener,
              event.kind(),
              event.cache(),
              e);
        }
      }
    }
  }
}
