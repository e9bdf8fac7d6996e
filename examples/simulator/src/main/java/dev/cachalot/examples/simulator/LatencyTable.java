package dev.cachalot.examples.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The article's "Performance Characteristics at a Glance", live: for each of its five figures, the
 * latency the simulator's callers measured around the decorated DAO call: the last one, and the
 * median of the last {@value #WINDOW} (the first calls of a fresh JVM run cold code and are
 * slower). Thread-safe.
 */
@Component
final class LatencyTable {

  /** One of the article's figures. */
  enum Figure {
    WRITE_BEHIND_WRITE("Write-Behind write (cache only)", 2, "SET"),
    CACHE_ASIDE_WRITE("Cache-Aside write (DB + invalidate)", 15, "DB write + DEL"),
    WRITE_THROUGH_WRITE("Write-Through write (cache + DB sync)", 25, "DB write + SET"),
    HIT("Read on a cache hit (all strategies)", 1, "GET"),
    CACHE_ASIDE_MISS("Cache-Aside read on a miss", 18, "GET + DB read + SET");

    final String label;
    final double articleMs;
    final String steps;

    Figure(String label, double articleMs, String steps) {
      this.label = label;
      this.articleMs = articleMs;
      this.steps = steps;
    }
  }

  /** How many of the latest measurements the median is taken of. */
  static final int WINDOW = 20;

  /** One row of the table. */
  record Row(
      String id,
      String label,
      double articleMs,
      String steps,
      long count,
      Double lastMs,
      Double medianMs) {}

  /** The measurements of one figure: how many in all, and the latest ones, newest last. */
  private static final class Measured {
    long count;
    final Deque<Double> latest = new ArrayDeque<>();
  }

  private final Map<Figure, Measured> measured = new EnumMap<>(Figure.class);

  /** Records one operation of {@code figure} that took {@code ms}. */
  synchronized void record(Figure figure, double ms) {
    Measured m = measured.computeIfAbsent(figure, f -> new Measured());
    m.count++;
    m.latest.addLast(ms);
    if (m.latest.size() > WINDOW) {
      m.latest.removeFirst();
    }
  }

  /** Forgets every measurement (after the latency settings changed). */
  synchronized void reset() {
    measured.clear();
  }

  synchronized List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (Figure figure : Figure.values()) {
      Measured m = measured.get(figure);
      rows.add(
          m == null
              ? new Row(figure.name(), figure.label, figure.articleMs, figure.steps, 0, null, null)
              : new Row(
                  figure.name(),
                  figure.label,
                  figure.articleMs,
                  figure.steps,
                  m.count,
                  m.latest.peekLast(),
                  median(m.latest)));
    }
    return rows;
  }

  private static double median(Deque<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
