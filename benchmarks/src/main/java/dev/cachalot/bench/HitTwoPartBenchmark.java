package dev.cachalot.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/** A cache hit on a two-part key ({@code String tenant, long id}), one thread. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HitTwoPartBenchmark {

  @Benchmark
  public Product direct(Contenders c) {
    return c.tenantDirect.find(c.tenant, c.hitKey);
  }

  @Benchmark
  public Product caffeine(Contenders c) {
    return c.tenantCaffeine.get(
        new HandWritten.TenantKey(c.tenant, c.hitKey), c.tenantCaffeineLoader);
  }

  @Benchmark
  public Product handWritten(Contenders c) {
    return c.tenantHandWritten.find(c.tenant, c.hitKey);
  }

  @Benchmark
  public Product generated(Contenders c) {
    return c.tenantGenerated.find(c.tenant, c.hitKey);
  }

  @Benchmark
  public Product dynamic(Contenders c) {
    return c.tenantDynamic.find(c.tenant, c.hitKey);
  }

  @Benchmark
  public Product springJdkProxy(Contenders c) {
    return c.tenantSpringJdk.find(c.tenant, c.hitKey);
  }

  @Benchmark
  public Product springCglib(Contenders c) {
    return c.tenantSpringCglib.find(c.tenant, c.hitKey);
  }
}
