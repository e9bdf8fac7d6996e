package dev.cachalot.store;

import dev.cachalot.store.WriteBehindLog.CacheLog;
import dev.cachalot.store.WriteBehindLog.Entry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * What the write-behind engine does to a cache's log, at random and at full speed: writer threads
 * append (each its own keys, so the writes of one key are serialized, as the engine's key locks
 * serialize them), supersede what a new write replaced and now and then revoke a write whose cache
 * change "failed"; a flusher thread marks batches of current entries written and forgets those its
 * key still holds. Values are increasing decimal numbers per key. Used in process by the stress
 * test and in a child JVM that the kill test kills. Thread-safe.
 */
final class JournalWorkload {

  static final String METHOD = "dev.cachalot.store.EventDao#record(java.lang.String)";

  /** What happened, told as it happens. Must be thread-safe. */
  interface Report {
    /** {@code key} = {@code value} was acknowledged (append returned, not revoked). */
    void acknowledged(String key, long value);

    /** {@code key} = {@code value} was revoked (revoked returned). */
    void revoked(String key, long value);

    /** {@code key} = {@code value} is "in the database": called before {@code written}. */
    void written(String key, long value);

    /** Before a batch of {@link #written} entries is marked, so that the report cannot lag it. */
    default void beforeMarking() {}
  }

  private final CacheLog log;
  private final long base;
  private final Report report;

  /** The entry each key's pending write holds, as the engine's buffer does. */
  final Map<String, Entry> current = new ConcurrentHashMap<>();

  private final AtomicBoolean stop = new AtomicBoolean();

  /**
   * @param base where the values of this run start: above every value of earlier runs
   */
  JournalWorkload(CacheLog log, long base, Report report) {
    this.log = log;
    this.base = base;
    this.report = report;
  }

  /** Takes the recovered entries as the engine would: as the pending writes of their keys. */
  void adopt(List<Entry> recovered) {
    for (Entry entry : recovered) {
      current.put(entry.key(), entry);
    }
  }

  static byte[] encode(long value) {
    return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
  }

  static long decode(Entry entry) {
    return Long.parseLong(new String(entry.value(), StandardCharsets.US_ASCII));
  }

  /** A writer: {@code appends} appends (or until stopped) of keys {@code prefix0..prefixN-1}. */
  Runnable writer(String prefix, int keys, long appends, long seed) {
    return () -> {
      Random random = new Random(seed);
      Map<String, Long> counters = new HashMap<>();
      for (long i = 0; i < appends && !stop.get(); i++) {
        String key = prefix + random.nextInt(keys);
        long value = counters.merge(key, base + 1, (old, one) -> old + 1);
        Entry entry = log.append(METHOD, key, encode(value));
        if (random.nextInt(50) == 0) {
          log.revoked(entry);
          report.revoked(key, value);
          continue;
        }
        report.acknowledged(key, value);
        Entry older = current.put(key, entry);
        if (older != null) {
          log.superseded(List.of(older));
        }
      }
    };
  }

  /** The flusher: marks random batches of current entries written until stopped. */
  Runnable flusher(long seed) {
    return () -> {
      Random random = new Random(seed);
      while (!stop.get()) {
        List<Entry> batch = new ArrayList<>();
        for (Entry entry : current.values()) {
          if (random.nextInt(4) == 0 && !failing(entry.key())) {
            batch.add(entry);
          }
        }
        for (Entry entry : batch) {
          report.written(entry.key(), decode(entry));
        }
        report.beforeMarking();
        log.written(batch);
        for (Entry entry : batch) {
          current.remove(entry.key(), entry);
        }
        LockSupport.parkNanos(100_000); // a flush interval, short: pacing, not synchronization
      }
    };
  }

  /**
   * The keys whose database writes "keep failing": never marked written, so that they stay in the
   * journal and their records are copied forward as the journal deletes old segments.
   */
  static boolean failing(String key) {
    return Math.floorMod(key.hashCode(), 16) == 0;
  }

  void stop() {
    stop.set(true);
  }
}
