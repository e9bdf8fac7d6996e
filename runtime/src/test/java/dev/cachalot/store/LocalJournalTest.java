package dev.cachalot.store;

import static dev.cachalot.store.JournalTesting.METHOD;
import static dev.cachalot.store.JournalTesting.bytes;
import static dev.cachalot.store.JournalTesting.cache;
import static dev.cachalot.store.JournalTesting.concurrently;
import static dev.cachalot.store.JournalTesting.logOf;
import static dev.cachalot.store.JournalTesting.recovered;
import static dev.cachalot.store.JournalTesting.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.cachalot.store.WriteBehindLog.CacheLog;
import dev.cachalot.store.WriteBehindLog.Claim;
import dev.cachalot.store.WriteBehindLog.Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The local journal in one process: what it recovers after a restart, how it checkpoints, rotates
 * and deletes segments, what it does when a disk fails, and that it acknowledges nothing before it
 * is durable, under concurrent writers.
 */
class LocalJournalTest {

  private static final int SMALL_SEGMENT = 8192;

  @TempDir Path directory;

  private LocalJournal open(JournalSync sync) {
    return LocalJournal.at(directory).sync(sync).open();
  }

  // ---------------------------------------------------------------- recovery

  @Test
  void recoversTheNewestPendingEntryOfEachKeyPerCacheInAppendOrder() {
    try (LocalJournal journal = open(JournalSync.everyWrite())) {
      CacheLog events = cache(journal, "events");
      CacheLog orders = cache(journal, "orders");
      assertThat(events.recovered()).isEmpty();

      Entry k1a = events.append(METHOD, "k1", bytes("1a"));
      events.append(METHOD, "k1", bytes("1b"));
      events.superseded(List.of(k1a)); // k1: 1b
      Entry k2 = events.append(METHOD, "k2", bytes("2"));
      events.written(List.of(k2)); // k2: nothing
      Entry k3 = events.append(METHOD, "k3", bytes("3"));
      events.revoked(k3); // k3: nothing
      events.append(METHOD, "k4", bytes("4a"));
      Entry k4b = events.append(METHOD, "k4", bytes("4b"));
      events.revoked(k4b); // k4: 4a, its cache change failed for 4b
      events.append("dev.acme.EventDao#remove(java.lang.String)", "k5", null); // k5: a delete
      Entry k6a = events.append(METHOD, "k6", bytes("6a"));
      events.append(METHOD, "k6", bytes("6b"));
      events.written(List.of(k6a)); // k6: 6b, written while 6a was in flight
      events.append(METHOD, "k7", bytes("7a"));
      Entry k7b = events.append(METHOD, "k7", bytes("7b"));
      events.written(List.of(k7b)); // k7: nothing, 7a is older than what the database has
      orders.append(METHOD, "k1", bytes("order 1"));
    }

    try (LocalJournal journal = open(JournalSync.everyWrite())) {
      CacheLog events = cache(journal, "events");
      List<Entry> recovered = events.recovered();
      assertThat(recovered)
          .extracting(Entry::key, JournalTesting::text, Entry::method)
          .containsExactly(
              tuple("k1", "1b", METHOD),
              tuple("k4", "4a", METHOD),
              tuple("k5", "<delete>", "dev.acme.EventDao#remove(java.lang.String)"),
              tuple("k6", "6b", METHOD));
      for (int i = 1; i < recovered.size(); i++) {
        assertThat(recovered.get(i).isAfter(recovered.get(i - 1))).isTrue();
        assertThat(recovered.get(i - 1).isAfter(recovered.get(i))).isFalse();
      }
      assertThat(events.recovered()).as("handed over once").isEmpty();
      assertThat(recovered(cache(journal, "orders"))).containsExactly(entry("k1", "order 1"));
      assertThat(recovered(cache(journal, "unknown"))).isEmpty();
    }
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }

  /** Leaves {@code key = key + "1"} pending in cache events for each of {@code keys}. */
  private void leavePending(String... keys) {
    try (LocalJournal journal = open(JournalSync.never())) {
      CacheLog events = cache(journal, "events");
      for (String key : keys) {
        events.append(METHOD, key, bytes(key + "1"));
      }
    }
  }

  @Test
  void recoveredEntriesAreCheckpointedLikeFreshOnesAndNewEntriesNumberAfterThem() {
    leavePending("a", "b", "c");
    try (LocalJournal journal = open(JournalSync.never())) {
      CacheLog events = cache(journal, "events");
      List<Entry> recovered = events.recovered();
      assertThat(recovered).extracting(Entry::key).containsExactly("a", "b", "c");
      events.written(List.of(recovered.get(0)));
      Entry b2 = events.append(METHOD, "b", bytes("b2"));
      assertThat(b2.isAfter(recovered.get(2))).isTrue();
      events.superseded(List.of(recovered.get(1)));
      assertThat(events.claim(recovered)).containsOnly(Claim.WRITE).hasSize(3);
      events.released(recovered);
      assertThat(events.maxDeliveries()).isZero();
    }
    assertThat(recovered(directory, "events")).containsExactly(entry("c", "c1"), entry("b", "b2"));
  }

  /**
   * The engine closes a cache's log again when it cannot decode what was recovered, and the next
   * decorator opens it anew: the same entries come back, equal to the first ones.
   */
  @Test
  void aCacheLogOpenedAgainAfterCloseRecoversTheSameEntriesAgain() {
    leavePending("a", "b");
    try (LocalJournal journal = open(JournalSync.never())) {
      CacheLog first = cache(journal, "events");
      List<Entry> before = first.recovered();
      first.close();
      assertThatThrownBy(() -> first.append(METHOD, "c", bytes("c1")))
          .isInstanceOf(WriteBehindLogException.class)
          .hasMessageContaining("closed");
      List<Entry> again = cache(journal, "events").recovered();

      assertThat(again).isEqualTo(before).hasSize(2);
      assertThat(again.get(0)).hasSameHashCodeAs(before.get(0)).isNotSameAs(before.get(0));
      assertThat(again.get(0).isAfter(before.get(0))).isFalse();
      assertThat(again.get(1)).isNotEqualTo(before.get(0));
    }
  }

  @Test
  void reportsAreIdempotent() {
    try (LocalJournal journal = open(JournalSync.never())) {
      CacheLog events = cache(journal, "events");
      Entry a = events.append(METHOD, "a", bytes("a1"));
      Entry b = events.append(METHOD, "b", bytes("b1"));
      Entry c = events.append(METHOD, "c", bytes("c1"));
      events.written(List.of(a));
      events.superseded(List.of(a));
      events.written(List.of(a, a));
      events.superseded(List.of(b, b));
      events.written(List.of(b));
      events.revoked(c);
      events.revoked(c);
      events.written(List.of(c));
    }
    assertThat(recovered(directory, "events")).isEmpty();
  }

  @Test
  void namesTheDirectoryAndThePolicy() {
    try (LocalJournal journal = open(JournalSync.everyWrite())) {
      assertThat(journal).hasToString("journal " + directory + " (fsync every write)");
    }
    try (LocalJournal journal = open(JournalSync.every(Duration.ofMillis(2)))) {
      assertThat(journal)
          .hasToString("journal " + directory + " (group commit, fsync at most every 2ms)");
    }
    assertThat(JournalSync.never().toString()).contains("no fsync");
    assertThatThrownBy(() -> JournalSync.every(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LocalJournal.at(directory).segmentBytes(100))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSecondJournalOnTheDirectoryInThisProcessIsRefusedAndCloseIsIdempotent() throws Exception {
    Path link =
        Files.createSymbolicLink(
            directory.resolveSibling("link-" + directory.getFileName()), directory);
    try {
      LocalJournal first = open(JournalSync.never());
      assertThatThrownBy(() -> LocalJournal.at(directory).open())
          .isInstanceOf(WriteBehindLogException.class)
          .hasMessageContaining(directory.toString())
          .hasMessageContaining("already open in this process");
      assertThatThrownBy(() -> LocalJournal.at(link).open())
          .as("the same directory under another name")
          .hasMessageContaining("already open in this process");
      CacheLog events = cache(first, "events");
      events.append(METHOD, "k", bytes("v"));
      assertThatThrownBy(() -> cache(first, "events")).isInstanceOf(IllegalStateException.class);
      first.close();
      first.close();
      assertThatThrownBy(() -> events.append(METHOD, "k", bytes("w")))
          .isInstanceOf(WriteBehindLogException.class)
          .hasMessageContaining("cache 'events', key k")
          .hasMessageContaining("is closed");
      assertThat(recovered(directory, "events")).containsExactly(entry("k", "v"));
    } finally {
      Files.delete(link);
    }
  }

  // ---------------------------------------------------------------- segments

  /** Appends an entry of about 200 bytes under a fresh key and marks it written at once. */
  private int fillers;

  private Entry fill(CacheLog log) {
    Entry entry = log.append(METHOD, "filler-" + fillers++, new byte[200]);
    log.written(List.of(entry));
    return entry;
  }

  /** A journal in {@link #directory} with small segments; no fsync before acknowledging. */
  private LocalJournal openSmallSegments() {
    return LocalJournal.at(directory).sync(JournalSync.never()).segmentBytes(SMALL_SEGMENT).open();
  }

  /**
   * {@link #fill}s fifty segments' worth of written entries; returns the most segment files the
   * directory held meanwhile.
   */
  private int fillFiftySegments(CacheLog log) {
    int most = 0;
    for (int i = 0; i < 50 * SMALL_SEGMENT / 200; i++) {
      fill(log);
      most = Math.max(most, segments(directory).size());
    }
    return most;
  }

  @Test
  void rotatesAndDeletesSegmentsSoTheDirectoryStaysSmallWhileEverythingIsWritten() {
    int most;
    try (LocalJournal journal = openSmallSegments()) {
      most = fillFiftySegments(cache(journal, "events"));
      assertThat(journal.segmentFiles().get(0).getFileName().toString())
          .as("segments were rotated")
          .isNotEqualTo("segment-00000000000000000001.log");
    }
    assertThat(most).isLessThanOrEqualTo(2);
    assertThat(recovered(directory, "events")).isEmpty();
  }

  @Test
  void copiesTheFewLiveEntriesOfTheOldestSegmentForwardSoOneFailingKeyCannotPinTheDisk() {
    int most;
    try (LocalJournal journal = openSmallSegments()) {
      CacheLog log = cache(journal, "events");
      JournalEntry stuck = (JournalEntry) log.append(METHOD, "stuck", bytes("never written"));
      long firstSegment = stuck.slot.segment.id;
      most = fillFiftySegments(log);
      assertThat(stuck.slot.segment.id).as("copied forward").isGreaterThan(firstSegment + 10);
    }
    assertThat(most).isLessThanOrEqualTo(3);
    assertThat(recovered(directory, "events")).containsExactly(entry("stuck", "never written"));
  }

  /**
   * Half of the first segment stays live for good (a block of keys whose rows keep failing): more
   * than a "few" entries, but the dead segments behind it must not pile up either.
   */
  @Test
  void aLargelyLiveOldestSegmentIsCopiedForwardOnceTheDeadSegmentsBehindItOutweighIt() {
    int most;
    try (LocalJournal journal = openSmallSegments()) {
      CacheLog log = cache(journal, "events");
      for (int i = 0; i < 16; i++) {
        log.append(METHOD, "stuck-" + i, new byte[200]);
      }
      most = fillFiftySegments(log);
    }
    assertThat(most).isLessThanOrEqualTo(4);
    assertThat(recovered(directory, "events")).hasSize(16);
  }

  /**
   * The older entry of a key, copied forward after its newer one was appended, lands in a later
   * segment than the newer one; once the newer one is written and its segment deleted, only the
   * marker's explicit list of the older entries it made dead keeps the older value from coming back
   * at the next start.
   */
  @Test
  void aWrittenEntryKeepsAnOlderEntryOfItsKeyDeadAfterTheOlderOneWasCopiedForward() {
    try (LocalJournal journal = openSmallSegments()) {
      CacheLog log = cache(journal, "events");
      JournalEntry older = (JournalEntry) log.append(METHOD, "key", bytes("older"));
      JournalSegment first = older.slot.segment;
      while (journal.segmentFiles().size() < 2) {
        fill(log);
      }
      JournalEntry newer = (JournalEntry) log.append(METHOD, "key", bytes("newer"));
      JournalSegment second = newer.slot.segment;
      while (older.slot.segment == first) {
        fill(log);
      }
      JournalSegment third = older.slot.segment;
      log.append(METHOD, "pin", bytes("keeps the third segment"));
      assertThat(third.id).isGreaterThan(second.id);
      assertThat(journal.segmentFiles()).startsWith(second.file, third.file);

      log.written(List.of(newer));

      assertThat(second.file).as("deleted").doesNotExist();
      assertThat(third.file).exists();
    }
    assertThat(recovered(directory, "events"))
        .containsExactly(entry("pin", "keeps the third segment"));
  }

  // ---------------------------------------------------------------- failing disks

  private final JournalFaultyChannel.Faults faults = new JournalFaultyChannel.Faults();

  private LocalJournal openFaulty(JournalSync sync) {
    return LocalJournal.at(directory).sync(sync).files(faults).open();
  }

  @Test
  void aWriteThatFailsOnAFullDiskIsTakenBackAndNeverReplayed() throws Exception {
    try (LocalJournal journal = openFaulty(JournalSync.everyWrite())) {
      CacheLog log = cache(journal, "events");
      log.append(METHOD, "before", bytes("acknowledged"));
      Path active = journal.segmentFiles().get(journal.segmentFiles().size() - 1);
      long size = Files.size(active);
      faults.sizeLimit = size + 20;

      assertThatThrownBy(() -> log.append(METHOD, "failed", bytes("not acknowledged")))
          .isInstanceOf(WriteBehindLogException.class)
          .hasMessageContaining("cache 'events', key failed")
          .hasMessageContaining(active.toString())
          .hasMessageContaining("File too large")
          .hasMessageContaining("not acknowledged");
      assertThat(Files.size(active)).as("the partial record was cut off").isEqualTo(size);

      faults.sizeLimit = Long.MAX_VALUE;
      log.append(METHOD, "after", bytes("acknowledged"));
    }
    assertThat(recovered(directory, "events"))
        .containsExactly(entry("before", "acknowledged"), entry("after", "acknowledged"));
  }

  @Test
  void aFailedWriteThatCannotBeTruncatedEitherIsLeftBehindInANewSegment() throws Exception {
    Path broken;
    try (LocalJournal journal = openFaulty(JournalSync.everyWrite())) {
      CacheLog log = cache(journal, "events");
      log.append(METHOD, "before", bytes("acknowledged"));
      broken = journal.segmentFiles().get(journal.segmentFiles().size() - 1);
      faults.sizeLimit = Files.size(broken) + 20;
      faults.failTruncate = true;

      assertThatThrownBy(() -> log.append(METHOD, "failed", bytes("not acknowledged")))
          .isInstanceOf(WriteBehindLogException.class)
          .hasMessageContaining("File too large");

      faults.sizeLimit = Long.MAX_VALUE;
      faults.failTruncate = false;
      Entry after = log.append(METHOD, "after", bytes("acknowledged"));
      assertThat(((JournalEntry) after).slot.segment.file).isNotEqualTo(broken);
    }
    String log =
        logOf(
            () ->
                assertThat(recovered(directory, "events"))
                    .containsExactly(
                        entry("before", "acknowledged"), entry("after", "acknowledged")));
    assertThat(log).contains("WARN").contains(broken.toString()).contains("20 bytes after offset");
  }

  @Test
  void aFailedFsyncFailsTheJournalAndTheWritesItLeftUnsyncedAreNeverReplayed() {
    try (LocalJournal journal = openFaulty(JournalSync.everyWrite())) {
      CacheLog log = cache(journal, "events");
      log.append(METHOD, "before", bytes("acknowledged"));
      Path active = journal.segmentFiles().get(journal.segmentFiles().size() - 1);
      faults.failForce = true;

      String logged =
          logOf(
              () ->
                  assertThatThrownBy(
                          () -> log.append(METHOD, "failed", bytes("written, not synced")))
                      .isInstanceOf(WriteBehindLogException.class)
                      .hasMessageContaining("cache 'events', key failed")
                      .hasMessageContaining("fsync of " + active)
                      .hasMessageContaining("Input/output error"));
      assertThat(logged).contains("ERROR").contains("accepts no more writes");

      faults.failForce = false;
      assertThatThrownBy(() -> log.append(METHOD, "later", bytes("v")))
          .isInstanceOf(WriteBehindLogException.class)
          .hasMessageContaining("has failed and accepts no writes")
          .hasMessageContaining("restart");
      assertThatThrownBy(() -> cache(journal, "orders")).hasMessageContaining("has failed");
    }
    assertThat(recovered(directory, "events")).containsExactly(entry("before", "acknowledged"));
  }

  @Test
  void aFailedFsyncWhoseWritesCannotBeCutBackSaysTheyMayStillBeApplied() {
    try (LocalJournal journal = openFaulty(JournalSync.everyWrite())) {
      CacheLog log = cache(journal, "events");
      faults.failForce = true;
      faults.failTruncate = true;

      logOf(
          () ->
              assertThatThrownBy(() -> log.append(METHOD, "failed", bytes("written, not synced")))
                  .isInstanceOf(WriteBehindLogException.class)
                  .hasMessageContaining("cache 'events', key failed")
                  .hasMessageContaining("may still be written to the database after a restart")
                  .hasMessageContaining("fsync of "));
    }
  }

  @Test
  void everyWriterWaitingForAGroupCommitThatFailsGetsAnException() throws Exception {
    ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
    try (LocalJournal journal = openFaulty(JournalSync.every(Duration.ofMillis(5)))) {
      CacheLog log = cache(journal, "events");
      log.append(METHOD, "before", bytes("acknowledged"));
      faults.failForce = true;
      logOf(
          () -> {
            try {
              concurrently(
                  4,
                  t -> {
                    try {
                      log.append(METHOD, "failed-" + t, bytes("v"));
                      outcomes.add("acknowledged");
                    } catch (WriteBehindLogException e) {
                      outcomes.add(e.getMessage().contains("fsync") ? "failed" : e.getMessage());
                    }
                  });
            } catch (InterruptedException e) {
              throw new AssertionError(e);
            }
          });
    }
    assertThat(outcomes).containsOnly("failed").hasSize(4);
    assertThat(recovered(directory, "events")).containsExactly(entry("before", "acknowledged"));
  }

  // ---------------------------------------------------------------- durability and grouping

  static Stream<JournalSync> syncedPolicies() {
    return Stream.of(JournalSync.everyWrite(), JournalSync.every(Duration.ofMillis(1)));
  }

  @ParameterizedTest
  @MethodSource("syncedPolicies")
  void noAppendIsAcknowledgedBeforeAnFsyncCoveredItsRecord(JournalSync sync) throws Exception {
    ConcurrentLinkedQueue<String> early = new ConcurrentLinkedQueue<>();
    try (LocalJournal journal =
        LocalJournal.at(directory).sync(sync).segmentBytes(64 << 10).files(faults).open()) {
      CacheLog log = cache(journal, "events");
      concurrently(
          6,
          t -> {
            for (int i = 0; i < 100; i++) {
              JournalEntry entry = (JournalEntry) log.append(METHOD, t + "-" + i, new byte[300]);
              long end = entry.slot.offset + entry.slot.length;
              long durable = faults.durable(entry.slot.segment.file);
              if (durable < end) {
                early.add(entry + " ends at " + end + ", the last fsync covered " + durable);
              }
            }
          });
      assertThat(journal.segmentFiles()).as("rotated meanwhile").hasSizeGreaterThan(2);
    }
    assertThat(early).isEmpty();
  }

  @Test
  void groupCommitRunsFarFewerFsyncsThanThereAreAppends() throws Exception {
    int writers = 8;
    int appends = 60;
    try (LocalJournal journal = open(JournalSync.every(Duration.ofMillis(5)))) {
      CacheLog log = cache(journal, "events");
      concurrently(
          writers,
          t -> {
            for (int i = 0; i < appends; i++) {
              log.append(METHOD, t + "-" + i, bytes("v"));
            }
          });
      assertThat(journal.syncCount()).isPositive().isLessThan(writers * appends / 4);
    }
  }

  // ---------------------------------------------------------------- concurrency

  static Stream<JournalSync> allPolicies() {
    return Stream.of(
        JournalSync.never(), JournalSync.every(Duration.ofMillis(1)), JournalSync.everyWrite());
  }

  @ParameterizedTest
  @MethodSource("allPolicies")
  void concurrentAppendsCheckpointsAndRevocationsRecoverExactlyWhatIsPending(JournalSync sync)
      throws Exception {
    JournalWorkload.Report quiet =
        new JournalWorkload.Report() {
          @Override
          public void acknowledged(String key, long value) {}

          @Override
          public void revoked(String key, long value) {}

          @Override
          public void written(String key, long value) {}
        };
    Map<String, String> pending;
    try (LocalJournal journal =
        LocalJournal.at(directory).sync(sync).segmentBytes(16 << 10).open()) {
      JournalWorkload workload = new JournalWorkload(cache(journal, "events"), 0, quiet);
      Thread flusher = new Thread(workload.flusher(42), "flusher");
      flusher.start();
      try {
        concurrently(4, t -> workload.writer("t" + t + "-", 50, 600, t).run());
      } finally {
        workload.stop();
        flusher.join();
      }
      pending =
          workload.current.values().stream()
              .collect(Collectors.toMap(Entry::key, e -> Long.toString(JournalWorkload.decode(e))));
      assertThat(pending).isNotEmpty();
    }
    assertThat(recovered(directory, "events")).containsExactlyInAnyOrderEntriesOf(pending);
  }

  @Test
  void entriesOfAnotherJournalAreRefused() {
    List<Entry> foreign = new ArrayList<>();
    Path other = directory.resolve("other");
    try (LocalJournal journal = LocalJournal.at(other).open()) {
      foreign.add(cache(journal, "events").append(METHOD, "k", bytes("v")));
    }
    try (LocalJournal journal = open(JournalSync.never())) {
      CacheLog log = cache(journal, "events");
      Entry own = log.append(METHOD, "k", bytes("v"));
      assertThatThrownBy(() -> log.written(foreign)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> own.isAfter(foreign.get(0)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
