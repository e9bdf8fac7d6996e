package dev.cachalot.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * A miss with a zero-cost DAO: each operation invalidates one key through the contender's own API
 * and reads it again (lookup, load, fill). The DAO costs nothing, so this is the cache layer's own
 * cost of an invalidate plus a miss. {@code direct} is the DAO alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MissBenchmark {

  @Benchmark
  public Product direct(Contenders c) {
    return c.direct.findById(c.missKey);
  }

  @Benchmark
  public Product caffeine(Contenders c) {
    c.caffeine.invalidate(c.missKey);
    return c.caffeine.get(c.missKey, c.caffeineLoader);
  }

  @Benchmark
  public Product handWritten(Contenders c) {
    c.handWrittenCache.invalidate(c.missKey);
    return c.handWritten.findById(c.missKey);
  }

  @Benchmark
  public Product generated(Contenders c) {
    c.generated.evict(c.missKey);
    return c.generated.findById(c.missKey);
  }

  @Benchmark
  public Product dynamic(Contenders c) {
    c.dynamic.evict(c.missKey);
    return c.dynamic.findById(c.missKey);
  }

  @Benchmark
  public Product springJdkProxy(Contenders c) {
    c.springJdkCache.evict(c.missKey);
    return c.springJdk.findById(c.missKey);
  }

  @Benchmark
  public Product springCglib(Contenders c) {
    c.springCglibCache.evict(c.missKey);
    return c.springCglib.findById(c.missKey);
  }
}
