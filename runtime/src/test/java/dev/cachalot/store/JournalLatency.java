package dev.cachalot.store;

import dev.cachalot.JournalSpecs;
import dev.cachalot.store.WriteBehindLog.CacheLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A quick measurement of append latency per sync policy, not a test: {@code java -cp <test class
 * path> dev.cachalot.store.JournalLatency [directory]}. Each row: writer threads, appends, p50, p99
 * and mean latency of one append, appends per second, fsyncs. Values of 200 bytes, a new key each;
 * nothing is checkpointed, so the journal only grows (64 MiB segments).
 */
public final class JournalLatency {

  private JournalLatency() {}

  public static void main(String[] args) throws Exception {
    Path root = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("journal-latency");
    System.out.printf(
        "%-44s %7s %7s %9s %9s %9s %10s %7s%n",
        "policy", "threads", "appends", "p50 us", "p99 us", "mean us", "appends/s", "fsyncs");
    List<JournalSync> policies =
        List.of(
            JournalSync.everyWrite(), JournalSync.every(Duration.ofMillis(2)), JournalSync.never());
    int run = 0;
    for (JournalSync sync : policies) {
      for (int threads : new int[] {1, 8}) {
        int perThread = sync.syncsBeforeAcknowledging() ? 1_000 : 50_000;
        measure(root.resolve("run-" + run++), sync, threads, perThread); // warm-up
        measure(root.resolve("run-" + run++), sync, threads, perThread);
      }
    }
  }

  private static void measure(Path directory, JournalSync sync, int threads, int perThread)
      throws Exception {
    long[][] latencies = new long[threads][perThread];
    long started;
    long elapsed;
    long fsyncs;
    try (LocalJournal journal = LocalJournal.at(directory).sync(sync).open()) {
      CacheLog log = journal.open(JournalSpecs.writeBehind("events"), entries -> {});
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long[] mine = latencies[t];
        String prefix = "t" + t + "-";
        Thread writer =
            new Thread(
                () -> {
                  byte[] value = new byte[200];
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  for (int i = 0; i < perThread; i++) {
                    long before = System.nanoTime();
                    log.append(JournalWorkload.METHOD, prefix + i, value);
                    mine[i] = System.nanoTime() - before;
                  }
                });
        writer.start();
        writers.add(writer);
      }
      long syncsBefore = journal.syncCount();
      started = System.nanoTime();
      start.countDown();
      for (Thread writer : writers) {
        writer.join();
      }
      elapsed = System.nanoTime() - started;
      fsyncs = journal.syncCount() - syncsBefore;
    }
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    double mean = Arrays.stream(all).average().orElse(0) / 1_000;
    System.out.printf(
        "%-44s %7d %7d %9.1f %9.1f %9.1f %10.0f %7d%n",
        sync,
        threads,
        all.length,
        all[all.length / 2] / 1_000.0,
        all[(int) (all.length * 0.99)] / 1_000.0,
        mean,
        all.length * 1e9 / elapsed,
        fsyncs);
  }
}
