package dev.cachalot.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Precomputed Zipf-distributed keys. */
final class Zipf {

  private Zipf() {}

  /**
   * {@code samples} draws of a rank in {@code [1, n]} with probability proportional to {@code
   * 1/rank^s}, returned as {@code base + rank}; deterministic for a seed.
   */
  static long[] keys(int n, double s, int samples, long base, long seed) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int rank = 1; rank <= n; rank++) {
      sum += 1.0 / Math.pow(rank, s);
      cdf[rank - 1] = sum;
    }
    SplittableRandom random = new SplittableRandom(seed);
    long[] keys = new long[samples];
    for (int i = 0; i < samples; i++) {
      double u = random.nextDouble() * sum;
      int index = Arrays.binarySearch(cdf, u);
      int rank = (index >= 0 ? index : -index - 1) + 1;
      keys[i] = base + Math.min(rank, n);
    }
    return keys;
  }
}
