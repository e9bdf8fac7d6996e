package dev.cachalot.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Holds the call that passes it until the test opens it; the test can wait for the arrival. */
final class Gate {
  private final CountDownLatch arrived = new CountDownLatch(1);
  private final CountDownLatch open = new CountDownLatch(1);

  /** Called by the held code: records the arrival and waits until the gate opens. */
  void pass() {
    arrived.countDown();
    try {
      if (!open.await(20, TimeUnit.SECONDS)) {
        throw new AssertionError("the gate was never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted at the gate", e);
    }
  }

  void awaitArrival() throws InterruptedException {
    assertThat(arrived.await(10, TimeUnit.SECONDS)).as("a call arrived at the gate").isTrue();
  }

  boolean arrived() {
    return arrived.getCount() == 0;
  }

  void open() {
    open.countDown();
  }
}
