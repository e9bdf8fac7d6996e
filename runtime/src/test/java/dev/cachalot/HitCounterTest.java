package dev.cachalot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Every hit counted once: of live threads, of threads that ended, across repeated sums. */
class HitCounterTest {

  private final HitCounter counter = new HitCounter();

  private Thread counting(int hits, CountDownLatch done, CountDownLatch release) {
    Thread thread =
        new Thread(
            () -> {
              for (int i = 0; i < hits; i++) {
                counter.increment();
              }
              done.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    thread.start();
    return thread;
  }

  @Test
  void hitsOfLiveAndEndedThreadsAreEachCountedOnce() throws Exception {
    CountDownLatch done = new CountDownLatch(4);
    CountDownLatch release = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      threads.add(counting(i * 1_000, done, release));
    }
    counter.increment();
    done.await();

    assertThat(counter.sum()).as("four live threads and this one").isEqualTo(10_001);

    release.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(counter.sum()).as("the ended threads' cells are folded").isEqualTo(10_001);
    assertThat(counter.sum()).as("and not counted twice").isEqualTo(10_001);
    counter.increment();
    assertThat(counter.sum()).isEqualTo(10_002);
  }
}
