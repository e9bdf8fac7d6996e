package dev.cachalot;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/*
 * Design note: counting hits without an atomic instruction.
 *
 * Every hit is counted, and a hit otherwise costs a Caffeine lookup: a LongAdder's increment is a
 * lock-prefixed compare-and-set, which on this path costs as much as the rest of the engine's
 * work. So each thread counts its hits in a cell of its own (a ThreadLocal), which only that thread
 * writes: a plain add, published with a release store (a plain store on x86), no read-modify-write
 * that other threads could race. sum() adds the cells with acquire loads: it sees every hit a
 * thread made before something that happens-before the sum (a join, a latch, a future), and a
 * concurrent sum sees a hit or not yet, as a LongAdder's would. A cell whose thread died will not
 * change again (the thread's end happens-before isAlive() returns false): sum() folds it into
 * `retired` and forgets it, so threads that come and go do not keep their cells alive. Sums are
 * serialized so that no sum counts a cell another sum is folding.
 */

/** An exact, cheap-to-increment counter of one cache's hits; thread-safe. */
final class HitCounter {

  private static final VarHandle VALUE;

  static {
    try {
      VALUE = MethodHandles.lookup().findVarHandle(Cell.class, "value", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** One thread's count; only {@link #owner} writes it. */
  private static final class Cell {
    final WeakReference<Thread> owner = new WeakReference<>(Thread.currentThread());

    @SuppressWarnings("unused") // through VALUE
    private long value;
  }

  private final ConcurrentLinkedQueue<Cell> cells = new ConcurrentLinkedQueue<>();

  /** The counts of threads that died; changed by sum() only, under its lock. */
  private final LongAdder retired = new LongAdder();

  private final ThreadLocal<Cell> mine =
      ThreadLocal.withInitial(
          () -> {
            Cell cell = new Cell();
            cells.add(cell);
            return cell;
          });

  /** Counts one hit of the calling thread. */
  void increment() {
    Cell cell = mine.get();
    VALUE.setRelease(cell, (long) VALUE.get(cell) + 1);
  }

  /**
   * The hits counted so far. Sums run one at a time (a sum that folds a cell must not race another
   * that still reads it); increments take no lock.
   */
  synchronized long sum() {
    long sum = retired.sum();
    for (Iterator<Cell> iterator = cells.iterator(); iterator.hasNext(); ) {
      Cell cell = iterator.next();
      long value = (long) VALUE.getAcquire(cell);
      Thread owner = cell.owner.get();
      sum += value;
      if (owner == null || !owner.isAlive()) {
        // Its thread is gone: the value is final. Fold it, so that the cell can be forgotten.
        iterator.remove();
        retired.add(value);
      }
    }
    return sum;
  }
}
