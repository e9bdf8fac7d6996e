package dev.cachalot.store;

import static dev.cachalot.store.JournalTesting.cache;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.store.WriteBehindLog.Entry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The journal against other processes and their deaths, with {@link JournalChild} in child JVMs: a
 * directory locked by a live process, a full disk (a file size limit), and {@code kill -9} at a
 * random moment under load, per sync policy.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JournalProcessTest {

  /** How many times each kill test kills a child: {@code -Djournal.kills=20} for a longer run. */
  private static final int KILLS = Integer.getInteger("journal.kills", 2);

  @TempDir Path directory;

  /**
   * A child JVM running {@code JournalChild} with {@code args}, through {@code bash -c} if a limit
   * is given.
   */
  private static Process child(Path stderr, String ulimit, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:-UsePerfData");
    command.add("-Xmx128m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(JournalChild.class.getName());
    command.addAll(List.of(args));
    if (ulimit != null) {
      StringBuilder script = new StringBuilder("ulimit -f " + ulimit + "; exec");
      for (String word : command) {
        script.append(" '").append(word.replace("'", "'\\''")).append('\'');
      }
      command = List.of("bash", "-c", script.toString());
    }
    return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
  }

  private static BufferedReader stdout(Process process) {
    return new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
  }

  private static String failure(Path stderr) throws IOException {
    return "child stderr:\n" + Files.readString(stderr);
  }

  private static void kill(Process process) throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Test
  void aDirectoryInUseByAnotherLiveProcessIsRefusedUntilThatProcessDies() throws Exception {
    Path journal = directory.resolve("journal");
    Path stderr = directory.resolve("stderr");
    Process holder = child(stderr, null, "hold", journal.toString());
    try {
      String line = stdout(holder).readLine();
      assertThat(line).as(failure(stderr)).startsWith("OPEN");

      assertThatThrownBy(() -> LocalJournal.at(journal).open())
          .isInstanceOf(WriteBehindLogException.class)
          .hasMessageContaining("journal directory " + journal)
          .hasMessageContaining("in use by another process")
          .hasMessageContaining("pid " + holder.pid());

      kill(holder);
      LocalJournal.at(journal).open().close();
    } finally {
      kill(holder);
    }
  }

  /**
   * A second journal of this process on the directory is refused without unlocking it: POSIX locks
   * belong to the process, and closing any descriptor of the lock file would release them.
   */
  @Test
  void aRefusedSecondJournalOfThisProcessLeavesTheDirectoryLockedForOthers() throws Exception {
    Path journal = directory.resolve("journal");
    Path stderr = directory.resolve("stderr");
    LocalJournal held = LocalJournal.at(journal).open();
    try {
      assertThatThrownBy(() -> LocalJournal.at(journal).open())
          .hasMessageContaining("already open in this process");
      Process other = child(stderr, null, "try", journal.toString());
      try {
        assertThat(other.waitFor()).as("the other process was refused").isNotZero();
        assertThat(Files.readString(stderr))
            .contains("in use by another process")
            .contains("pid " + ProcessHandle.current().pid());
      } finally {
        kill(other);
      }
    } finally {
      held.close();
    }
  }

  @Test
  void aFullDiskFailsTheAppendClearlyAndLosesNoAcknowledgedWrite() throws Exception {
    Path journal = directory.resolve("journal");
    Path stderr = directory.resolve("stderr");
    Set<String> acknowledged = new LinkedHashSet<>();
    String failed = null;
    Process filler = child(stderr, "64", "fill", journal.toString());
    try (BufferedReader out = stdout(filler)) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("ACK ")) {
          acknowledged.add(line.substring(4));
        } else if (line.startsWith("FAILED ")) {
          failed = line;
        }
      }
      assertThat(filler.waitFor()).as(failure(stderr)).isZero();
    } finally {
      kill(filler);
    }
    assertThat(failed)
        .as(failure(stderr))
        .isNotNull()
        .contains("cache 'events'")
        .contains(journal.toString())
        .contains("File too large")
        .contains("not acknowledged");
    String failedKey = failed.split(" ")[1];
    assertThat(acknowledged).hasSizeGreaterThan(100).doesNotContain(failedKey);

    try (LocalJournal reopened = LocalJournal.at(journal).open()) {
      List<String> recovered = new ArrayList<>();
      for (Entry entry : cache(reopened, "events").recovered()) {
        recovered.add(entry.key());
      }
      assertThat(recovered).containsExactlyElementsOf(acknowledged);
    }
  }

  /** What the children reported, across the kills of one test. */
  private static final class Reports {
    final Map<String, Long> acknowledged = new HashMap<>();
    final Map<String, Long> written = new HashMap<>();
    final Set<String> revoked = new HashSet<>();
    int acks;

    /** Reads one line; returns whether it was an acknowledgement. */
    boolean read(String line) {
      String[] words = line.split(" ");
      if (words.length != 3) {
        if (line.startsWith("ERROR")) {
          throw new AssertionError("the child failed: " + line);
        }
        return false;
      }
      long value = Long.parseLong(words[2]);
      switch (words[0]) {
        case "A" -> {
          acknowledged.merge(words[1], value, Math::max);
          acks++;
          return true;
        }
        case "W" -> written.merge(words[1], value, Math::max);
        case "R" -> revoked.add(words[1] + " " + value);
        default -> throw new AssertionError(line);
      }
      return false;
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"everyWrite", "every2ms", "never"})
  void everyAcknowledgedWriteSurvivesKill9AtARandomMoment(String sync) throws Exception {
    long seed = System.nanoTime();
    System.out.println("JournalProcessTest " + sync + ": seed " + seed);
    Random random = new Random(seed);
    Path journal = directory.resolve("journal");
    Path stderr = directory.resolve("stderr");
    Reports reports = new Reports();
    for (int kill = 0; kill < KILLS; kill++) {
      int acksBeforeKill = reports.acks + 2_000 + random.nextInt(6_000);
      long base = (kill + 1) * 1_000_000_000L;
      Process worker =
          child(
              stderr,
              null,
              "work",
              journal.toString(),
              sync,
              Long.toString(base),
              Long.toString(random.nextLong()));
      try (BufferedReader out = stdout(worker)) {
        String line = out.readLine();
        while (line != null && !(reports.read(line) && reports.acks >= acksBeforeKill)) {
          line = out.readLine();
        }
        assertThat(line).as("the child ended early; " + failure(stderr)).isNotNull();
        // SIGKILL, as Process.destroyForcibly sends it, but without closing the pipes: what the
        // child printed before it died is still to be read.
        worker.toHandle().destroyForcibly();
        for (line = out.readLine(); line != null; line = out.readLine()) {
          reports.read(line); // what the child printed before it died
        }
      } finally {
        kill(worker);
      }
      checkRecovery(journal, sync, seed, kill, reports);
    }
  }

  /**
   * Every key whose last acknowledged value is not in the database must be recovered with that
   * value or a newer one (acknowledged or not: a write whose append completed just as the child
   * died), and nothing revoked may be recovered.
   */
  private static void checkRecovery(
      Path journal, String sync, long seed, int kill, Reports reports) {
    Map<String, Long> recovered = new HashMap<>();
    int segments;
    try (LocalJournal reopened = LocalJournal.at(journal).sync(JournalChild.sync(sync)).open()) {
      for (Entry entry : cache(reopened, JournalChild.CACHE).recovered()) {
        recovered.put(entry.key(), JournalWorkload.decode(entry));
      }
      segments = reopened.segmentFiles().size();
    }
    String context = sync + ", seed " + seed + ", kill " + kill + ": ";
    System.out.println(
        "JournalProcessTest "
            + context
            + reports.acks
            + " acknowledged so far, "
            + recovered.size()
            + " keys recovered, "
            + segments
            + " segments");
    List<String> lost = new ArrayList<>();
    reports.acknowledged.forEach(
        (key, last) -> {
          Long value = recovered.get(key);
          boolean inDatabase = reports.written.getOrDefault(key, 0L) >= last;
          if (value == null ? !inDatabase : value < last) {
            lost.add(key + ": last acknowledged " + last + ", recovered " + value);
          }
        });
    assertThat(lost).as(context + "acknowledged writes lost").isEmpty();
    for (Map.Entry<String, Long> entry : recovered.entrySet()) {
      assertThat(reports.revoked)
          .as(context + "a revoked write was recovered")
          .doesNotContain(entry.getKey() + " " + entry.getValue());
    }
    assertThat(reports.acknowledged).as(context).hasSizeGreaterThan(100);
  }
}
