package dev.cachalot.examples.simulator;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The latches of the race trap, in the cache-aside DAO: once armed for a key, the next read of that
 * key, after it has read the row, says so and waits until the trap lets it return; meanwhile the
 * trap writes the key. So the read fills a row older than the write, every time. Thread-safe.
 */
@Component
final class RaceGate {

  /** How long a held read waits at most, so that a trap that went wrong cannot hang a thread. */
  static final long HOLD_SECONDS = 10;

  /** One armed race: its key, and the two latches. */
  static final class Race {
    final String key;
    final CountDownLatch loaded = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    Race(String key) {
      this.key = key;
    }

    /** Waits until the held read has read its row; false after the timeout. */
    boolean awaitLoaded() throws InterruptedException {
      return loaded.await(HOLD_SECONDS, TimeUnit.SECONDS);
    }

    /** Lets the held read return the row it read. */
    void release() {
      release.countDown();
    }
  }

  private final AtomicReference<Race> armed = new AtomicReference<>();

  /** Holds the next read of {@code key} after it read its row. */
  Race arm(String key) {
    Race race = new Race(key);
    if (!armed.compareAndSet(null, race)) {
      throw new IllegalStateException("a race is running already; wait for it to finish");
    }
    return race;
  }

  /** Disarms {@code race}, if its read never came. */
  void disarm(Race race) {
    armed.compareAndSet(race, null);
    race.release();
  }

  /** Called by the cache-aside DAO after it read the row of {@code key}. */
  void afterRead(String key) {
    Race race = armed.get();
    if (race == null || !race.key.equals(key) || !armed.compareAndSet(race, null)) {
      return;
    }
    race.loaded.countDown();
    try {
      race.release.await(HOLD_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
