package dev.cachalot.examples.simulator;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * What stands between one generation's DAOs and the database: open while the generation runs,
 * closed for good when the simulator "crashes" it, so that nothing the abandoned Cachalot still
 * holds (a buffered write, a load in flight) reaches the database afterwards, as nothing would from
 * a dead process. Closing waits for the statements already running, which count as done before the
 * crash. Thread-safe.
 */
final class Fence {

  /** Thrown by the statements of a generation after its crash. */
  static final class CrashedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    CrashedException(int generation) {
      super(
          "generation "
              + generation
              + " of the app crashed: its DAOs no longer reach the database");
    }
  }

  private final int generation;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile boolean closed;

  Fence(int generation) {
    this.generation = generation;
  }

  /** Runs {@code statement} unless the generation crashed; a crash waits for it to finish. */
  <T> T pass(Supplier<T> statement) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new CrashedException(generation);
      }
      return statement.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Closes the fence, once the statements now running are done; from now on every one throws. */
  void close() {
    lock.writeLock().lock();
    try {
      closed = true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  boolean isClosed() {
    return closed;
  }
}
