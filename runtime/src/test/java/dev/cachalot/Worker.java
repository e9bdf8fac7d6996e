package dev.cachalot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

/** A named thread running one task, whose failure the test sees when it joins. */
final class Worker {
  private final Thread thread;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private Worker(String name, CacheAsideTest.ThrowingRunnable task) {
    this.thread =
        new Thread(
            () -> {
              try {
                task.run();
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            name);
    thread.setDaemon(true);
  }

  static Worker start(String name, CacheAsideTest.ThrowingRunnable task) {
    Worker worker = new Worker(name, task);
    worker.thread.start();
    return worker;
  }

  Thread thread() {
    return thread;
  }

  /** Waits for the task to end and returns what it threw, or null. */
  Throwable join() throws InterruptedException {
    thread.join(20_000);
    assertThat(thread.isAlive()).as(thread.getName() + " finished").isFalse();
    return failure.get();
  }

  /** Waits for the task to end and fails the test if it threw. */
  void joinNormally() throws InterruptedException {
    Throwable thrown = join();
    if (thrown != null) {
      throw new AssertionError(thread.getName() + " failed", thrown);
    }
  }
}
