package dev.cachalot.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Hits over a Zipf-distributed key set (10,000 keys, s = 1.0, all preloaded), each thread walking
 * the precomputed draws from its own offset. The thread count is set by the subclasses.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class ZipfBenchmark {

  /** A thread's position in the precomputed draws. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    @Setup
    public void setUp(ThreadParams thread) {
      next = thread.getThreadIndex() * (Contenders.ZIPF_SAMPLES / 2 + 7);
    }

    long key(long[] keys) {
      return keys[next++ & (Contenders.ZIPF_SAMPLES - 1)];
    }
  }

  @Benchmark
  public Product direct(Contenders c, Cursor cursor) {
    return c.direct.findById(cursor.key(c.zipfKeys));
  }

  @Benchmark
  public Product caffeine(Contenders c, Cursor cursor) {
    return c.caffeine.get(cursor.key(c.zipfKeys), c.caffeineLoader);
  }

  @Benchmark
  public Product handWritten(Contenders c, Cursor cursor) {
    return c.handWritten.findById(cursor.key(c.zipfKeys));
  }

  @Benchmark
  public Product generated(Contenders c, Cursor cursor) {
    return c.generated.findById(cursor.key(c.zipfKeys));
  }

  @Benchmark
  public Product dynamic(Contenders c, Cursor cursor) {
    return c.dynamic.findById(cursor.key(c.zipfKeys));
  }

  @Benchmark
  public Product springJdkProxy(Contenders c, Cursor cursor) {
    return c.springJdk.findById(cursor.key(c.zipfKeys));
  }

  @Benchmark
  public Product springCglib(Contenders c, Cursor cursor) {
    return c.springCglib.findById(cursor.key(c.zipfKeys));
  }
}
