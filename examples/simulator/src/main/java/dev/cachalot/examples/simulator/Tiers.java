package dev.cachalot.examples.simulator;

import dev.cachalot.Cachalot;
import dev.cachalot.examples.simulator.SimulatorProperties.Durability;
import dev.cachalot.examples.simulator.SimulatorProperties.StoreKind;
import dev.cachalot.store.CaffeineStore;
import dev.cachalot.store.Store;

/**
 * The two switches for the tiers that are not on this branch yet, in one place: {@code
 * simulator.store} (memory / redis, or {@code --redis-uri}) and {@code simulator.durability}
 * (memory / journal). Each switch is an exhaustive {@code switch} here, so a new tier is one case
 * in each method below. Until its module exists, choosing it stops the application at startup with
 * a message that says so.
 */
final class Tiers {

  private Tiers() {}

  /** Refuses, at startup, a tier this build does not have. */
  static void check(SimulatorProperties properties) {
    if (properties.getStore() == StoreKind.REDIS) {
      throw new IllegalStateException(
          "simulator.store=redis (--redis-uri="
              + properties.getRedisUri()
              + ") needs the Redis store of cachalot-redis, which this build does not have yet;"
              + " start without --redis-uri (the in-process store)");
    }
    if (properties.getDurability() == Durability.JOURNAL) {
      throw new IllegalStateException(
          "simulator.durability=journal needs the local journal of cachalot-runtime (LocalJournal),"
              + " which this build does not have yet; start with simulator.durability=memory");
    }
  }

  /**
   * The store of a new generation, before the simulator wraps it: the in-process store on the
   * simulator's clock. Redis plugs in here: {@code case REDIS -> RedisStore.connect(uri)} (the
   * clock then moves only the in-process caches' TTLs; Redis expires by its own).
   */
  static Store store(SimulatorProperties properties, SimClock clock) {
    return switch (properties.getStore()) {
      case MEMORY -> CaffeineStore.builder().ticker(clock).build();
      case REDIS -> throw new IllegalStateException("no Redis store in this build");
    };
  }

  /**
   * Sets the write-behind durability of a new generation's Cachalot. The journal plugs in here:
   * {@code case JOURNAL -> builder.writeBehindLog(LocalJournal.open(dir))}, one directory for the
   * whole run, so that the next generation replays what the crashed one acknowledged.
   */
  static void durability(Cachalot.Builder builder, SimulatorProperties properties) {
    switch (properties.getDurability()) {
      case MEMORY -> {
        // the buffer lives in the heap only
      }
      case JOURNAL -> throw new IllegalStateException("no local journal in this build");
    }
  }

  /** What the crash report says the durability mode did, or would have done, with {@code lost}. */
  static String afterCrash(SimulatorProperties properties, int lost) {
    return switch (properties.getDurability()) {
      case MEMORY ->
          lost == 0
              ? "The buffer was empty: the crash lost nothing. With simulator.durability=journal"
                  + " there would have been nothing to replay either."
              : "The buffer lived in the heap only, so "
                  + (lost == 1
                      ? "this acknowledged write is"
                      : "these " + lost + " acknowledged writes are")
                  + " gone. With simulator.durability=journal the local journal would have kept "
                  + (lost == 1 ? "it" : "all " + lost)
                  + ", and the new Cachalot would write "
                  + (lost == 1 ? "it" : "them")
                  + " to the database when it decorates the DAO (WRITE_RECOVERED), before its"
                  + " first read.";
      case JOURNAL ->
          "The journal kept the acknowledged writes; the new Cachalot replayed them"
              + " (WRITE_RECOVERED).";
    };
  }

  /** What the crash did to the caches themselves. */
  static String cachesAfterCrash(SimulatorProperties properties) {
    return switch (properties.getStore()) {
      case MEMORY ->
          "The in-process caches died with the app: every cache starts empty, and the first read"
              + " of each key misses.";
      case REDIS -> "The caches are in Redis: they outlive the app.";
    };
  }
}
