package dev.cachalot;

import static dev.cachalot.Generated.load;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.internal.CacheEngine;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A load on its own thread that has read the database and is held before it returns (and so before
 * it fills), until the test releases it: what a test does in between races with the fill.
 */
final class StalledLoad {
  private final CountDownLatch loaded = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicReference<Product> result = new AtomicReference<>();
  private final Worker worker;

  private StalledLoad(CacheEngine<Long, Product> engine, FakeDb db, long key) {
    this.worker =
        Worker.start(
            "stalled-load",
            () ->
                result.set(
                    load(
                        engine,
                        key,
                        () -> {
                          Product read = db.find(key);
                          loaded.countDown();
                          CacheAsideTest.await(release);
                          return read;
                        })));
  }

  /** Starts a load of {@code key} and returns once it has read the database. */
  static StalledLoad start(CacheEngine<Long, Product> engine, FakeDb db, long key)
      throws InterruptedException {
    StalledLoad load = new StalledLoad(engine, db, key);
    assertThat(load.loaded.await(10, TimeUnit.SECONDS)).as("the load read the database").isTrue();
    return load;
  }

  /** The thread of the load. */
  Thread thread() {
    return worker.thread();
  }

  /** Lets the load return what it read and fill (or be refused). */
  void release() {
    release.countDown();
  }

  /** Releases the load, waits for it to end normally and returns what it returned. */
  Product finish() throws InterruptedException {
    release();
    worker.joinNormally();
    return result.get();
  }
}
