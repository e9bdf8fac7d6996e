package dev.cachalot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Blocks the calls that pass it until it is opened, and lets a test wait until a call arrived. A
 * gate starts closed.
 */
final class Gate {
  private final CountDownLatch arrived;
  private final CountDownLatch open = new CountDownLatch(1);

  Gate() {
    this(1);
  }

  Gate(int arrivals) {
    this.arrived = new CountDownLatch(arrivals);
  }

  /** Called by the blocked code: records the arrival and waits until the gate opens. */
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

  /** Waits until the expected number of calls arrived at the gate. */
  void awaitArrival() throws InterruptedException {
    assertThat(arrived.await(10, TimeUnit.SECONDS)).as("a call arrived at the gate").isTrue();
  }

  void open() {
    open.countDown();
  }
}
