package dev.cachalot.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/** A cache hit on one {@code long} key, one thread. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HitLongBenchmark {

  @Benchmark
  public Product direct(Contenders c) {
    return c.direct.findById(c.hitKey);
  }

  @Benchmark
  public Product caffeine(Contenders c) {
    return c.caffeine.get(c.hitKey, c.caffeineLoader);
  }

  @Benchmark
  public Product handWritten(Contenders c) {
    return c.handWritten.findById(c.hitKey);
  }

  @Benchmark
  public Product generated(Contenders c) {
    return c.generated.findById(c.hitKey);
  }

  @Benchmark
  public Product dynamic(Contenders c) {
    return c.dynamic.findById(c.hitKey);
  }

  @Benchmark
  public Product springJdkProxy(Contenders c) {
    return c.springJdk.findById(c.hitKey);
  }

  @Benchmark
  public Product springCglib(Contenders c) {
    return c.springCglib.findById(c.hitKey);
  }
}
