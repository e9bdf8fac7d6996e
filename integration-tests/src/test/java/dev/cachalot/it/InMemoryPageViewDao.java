package dev.cachalot.it;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The "database" of page views and counters. Writes can be held at a gate, so that a test can
 * observe the state between a write-behind write and its flush.
 */
final class InMemoryPageViewDao implements PageViewDao {
  final Map<Long, PageView> views = new ConcurrentHashMap<>();
  final Map<String, Long> counters = new ConcurrentHashMap<>();
  final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  final List<Long> counterWrites = new CopyOnWriteArrayList<>();
  final Calls calls = new Calls();
  volatile CountDownLatch gate = new CountDownLatch(0);

  @Override
  public void record(PageView view) {
    calls.record("record");
    passGate();
    views.put(view.id, view);
  }

  @Override
  public PageView find(long id) {
    calls.record("find");
    return views.get(id);
  }

  @Override
  public void remove(long id) {
    calls.record("remove");
    passGate();
    views.remove(id);
  }

  @Override
  public void insertAll(List<PageView> batch) {
    calls.record("insertAll");
    passGate();
    batchSizes.add(batch.size());
    for (PageView view : batch) {
      views.put(view.id, view);
    }
  }

  @Override
  public void setCounter(String name, Long value) {
    calls.record("setCounter");
    passGate();
    counterWrites.add(value);
    counters.put(name, value);
  }

  @Override
  public Long counter(String name) {
    calls.record("counter");
    return counters.get(name);
  }

  private void passGate() {
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the gate");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
