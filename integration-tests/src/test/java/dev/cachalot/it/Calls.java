package dev.cachalot.it;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the calls a stand-in DAO receives, by method name. Thread-safe. */
final class Calls {
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  void record(String method) {
    counts.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
  }

  int of(String method) {
    AtomicInteger count = counts.get(method);
    return count == null ? 0 : count.get();
  }
}
