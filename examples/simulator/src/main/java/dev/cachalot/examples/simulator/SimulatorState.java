package dev.cachalot.examples.simulator;

import dev.cachalot.CacheHandle;
import dev.cachalot.CacheStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the page shows, in one JSON answer: polled by the page every half second. */
record SimulatorState(
    int generation,
    String durability,
    String store,
    boolean databaseFailing,
    long clockAdvancedSeconds,
    Latency.Settings latency,
    List<String> keys,
    List<LaneView> lanes,
    List<LatencyTable.Row> latencyTable,
    List<OperationLog.Entry> log,
    Simulator.RaceReport lastRace,
    Simulator.CrashReport lastCrash) {

  /**
   * One lane: its cache's entries, its table's rows, its counters and, for write-behind, buffer.
   */
  record LaneView(
      String id,
      String title,
      String ttl,
      List<ObservedStore.Entry> cache,
      List<User> rows,
      CacheStats stats,
      BufferView buffer) {}

  /** The write-behind buffer: its depth (the engine's count), capacity, schedule and contents. */
  record BufferView(
      long depth,
      int capacity,
      long flushEveryMillis,
      long nextFlushInMillis,
      List<BufferWatch.Pending> entries) {}

  /** The state of {@code generation} now. */
  static SimulatorState of(
      Generation generation,
      SimulatorProperties properties,
      Database database,
      Latency latency,
      SimClock clock,
      LatencyTable table,
      List<String> keys,
      List<OperationLog.Entry> log,
      Simulator.RaceReport lastRace,
      Simulator.CrashReport lastCrash) {
    List<LaneView> lanes = new ArrayList<>();
    for (Lane lane : Lane.values()) {
      CacheHandle handle = generation.handle(lane);
      BufferView buffer =
          lane != Lane.WRITE_BEHIND
              ? null
              : new BufferView(
                  handle.pendingWrites(),
                  handle.spec().capacity(),
                  handle.spec().flushInterval().toMillis(),
                  generation.buffer.nextFlushInMillis(),
                  generation.buffer.pending(database));
      lanes.add(
          new LaneView(
              lane.id,
              lane.title,
              handle.spec().ttl().map(SimulatorState::format).orElse("none"),
              generation.store.entries(lane.id),
              database.rows(lane),
              handle.stats(),
              buffer));
    }
    return new SimulatorState(
        generation.number,
        properties.getDurability().name().toLowerCase(java.util.Locale.ROOT),
        properties.getStore().name().toLowerCase(java.util.Locale.ROOT),
        database.isFailing(),
        clock.advanced().toSeconds(),
        latency.settings(),
        keys,
        lanes,
        table.rows(),
        log,
        lastRace,
        lastCrash);
  }

  private static String format(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }
}
