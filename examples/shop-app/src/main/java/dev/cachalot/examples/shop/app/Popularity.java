package dev.cachalot.examples.shop.app;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A Zipf popularity over the products: product 1 is the best seller, product {@code n} is viewed
 * about {@code n} times less often. A few products get most of the views, as in a real shop.
 */
final class Popularity {

  private final double[] cumulative;

  Popularity(int products) {
    cumulative = new double[products];
    double sum = 0;
    for (int rank = 1; rank <= products; rank++) {
      sum += 1.0 / rank;
      cumulative[rank - 1] = sum;
    }
    for (int i = 0; i < products; i++) {
      cumulative[i] /= sum;
    }
  }

  /** A product id from 1 to the number of products, drawn by popularity. */
  long next(SplittableRandom random) {
    int index = Arrays.binarySearch(cumulative, random.nextDouble());
    int rank = index >= 0 ? index : -index - 1;
    return Math.min(rank, cumulative.length - 1) + 1L;
  }
}
