package dev.cachalot.examples.shop.app;

import java.util.Arrays;
import java.util.Locale;

/**
 * The per-call times of one operation: the whole call and the part of it spent in the database (as
 * Cachalot's listener reported it). One instance per thread while recording, merged at the end;
 * percentiles are exact (nearest rank over the sorted samples).
 */
final class Latency {

  private long[] totals = new long[256];
  private long[] databases = new long[256];
  private int size;

  /** Records one call; not thread-safe. */
  void record(long totalNanos, long databaseNanos) {
    if (size == totals.length) {
      totals = Arrays.copyOf(totals, size * 2);
      databases = Arrays.copyOf(databases, size * 2);
    }
    totals[size] = totalNanos;
    databases[size] = databaseNanos;
    size++;
  }

  /** Adds the calls {@code other} recorded. */
  void addAll(Latency other) {
    for (int i = 0; i < other.size; i++) {
      record(other.totals[i], other.databases[i]);
    }
  }

  /** The percentiles of what was recorded. */
  Summary summary() {
    long[] total = Arrays.copyOf(totals, size);
    long[] database = Arrays.copyOf(databases, size);
    long[] cache = new long[size];
    for (int i = 0; i < size; i++) {
      cache[i] = totals[i] - databases[i];
    }
    Arrays.sort(total);
    Arrays.sort(database);
    Arrays.sort(cache);
    return new Summary(
        size,
        percentile(total, 0.50),
        percentile(total, 0.99),
        percentile(database, 0.50),
        percentile(cache, 0.50),
        size == 0 ? 0 : total[size - 1]);
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /**
   * Percentiles of one operation, in nanoseconds.
   *
   * @param calls how many calls were measured
   * @param p50 the median call
   * @param p99 the 99th percentile call
   * @param databaseP50 the median time a call spent in the database (in the DAO's JDBC code)
   * @param cacheP50 the median time a call spent outside the database: Cachalot and the store
   * @param max the slowest call
   */
  record Summary(int calls, long p50, long p99, long databaseP50, long cacheP50, long max) {}

  /** {@code nanos} for people: {@code 0.31 us}, {@code 42.5 us}, {@code 1.87 ms}. */
  static String format(long nanos) {
    if (nanos < 10_000) {
      return String.format(Locale.ROOT, "%.2f us", nanos / 1e3);
    }
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
    }
    return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
  }
}
