package dev.cachalot.examples.simulator;

import dev.cachalot.Cachalot;
import dev.cachalot.redis.RedisStore;
import dev.cachalot.store.CaffeineStore;
import dev.cachalot.store.JournalSync;
import dev.cachalot.store.LocalJournal;
import dev.cachalot.store.Store;
import java.nio.file.Path;

/**
 * The two switches for the tiers, in one place: {@code simulator.store} (memory / redis, or {@code
 * --redis-uri}) and {@code simulator.durability} (memory / journal, also switched from the page).
 * Each switch is an exhaustive {@code switch} here, so a new tier is one case in each method below.
 */
final class Tiers {

  private Tiers() {}

  /**
   * The store of a new generation, before the simulator wraps it: the in-process store on the
   * simulator's clock, or Redis (whose entries expire by Redis's own clock: "advance time" moves
   * only the in-process caches' TTLs, and the page's TTL column shows what each entry was given).
   */
  static Store store(SimulatorProperties properties, SimClock clock) {
    return switch (properties.getStore()) {
      case MEMORY -> CaffeineStore.builder().ticker(clock).build();
      case REDIS -> RedisStore.connect(properties.getRedisUri()).namespace("cachalot-simulator");
    };
  }

  /**
   * Sets the write-behind durability of a new generation's Cachalot: with the journal, one
   * directory for the whole run, so that the next generation replays what a crashed one
   * acknowledged (the JSON codec of cachalot-redis, on the class path, writes the users).
   */
  static void durability(Cachalot.Builder builder, SimulatorProperties properties) {
    switch (properties.getDurability()) {
      case MEMORY -> {
        // the buffer lives in the heap only
      }
      case JOURNAL ->
          builder.writeBehindLog(
              LocalJournal.at(Path.of(properties.getJournalDirectory()))
                  .sync(JournalSync.everyWrite())
                  .open());
    }
  }

  /**
   * What the crash report says the durability mode did, or would have done, with {@code lost}
   * acknowledged writes the database did not have, of which the new generation recovered {@code
   * recovered}.
   */
  static String afterCrash(SimulatorProperties properties, int lost, long recovered) {
    return switch (properties.getDurability()) {
      case MEMORY ->
          lost == 0
              ? "The buffer was empty: the crash lost nothing. With the journal (durability:"
                  + " journal) there would have been nothing to replay either."
              : "The buffer lived in the heap only, so "
                  + (lost == 1
                      ? "this acknowledged write is"
                      : "these " + lost + " acknowledged writes are")
                  + " gone. Switch durability to journal and crash again: the local journal keeps "
                  + (lost == 1 ? "it" : "them")
                  + ", and the new Cachalot writes "
                  + (lost == 1 ? "it" : "them")
                  + " to the database when it decorates the DAO (WRITE_RECOVERED).";
      case JOURNAL ->
          "The journal kept every acknowledged write: the new generation recovered "
              + recovered
              + (recovered == 1 ? " write" : " writes")
              + " (WRITE_RECOVERED) and writes "
              + (recovered == 1 ? "it" : "them")
              + " to the database now; nothing was lost.";
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
