package dev.cachalot.store;

import dev.cachalot.JournalSpecs;
import dev.cachalot.store.WriteBehindLog.CacheLog;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@code JournalProcessTest}: opens a journal and does one thing to it, reporting
 * on stdout, until it is killed or done.
 *
 * <ul>
 *   <li>{@code hold DIR}: opens the journal, prints {@code OPEN}, and holds it until stdin closes
 *       (when the test, or the test JVM, goes away).
 *   <li>{@code try DIR}: opens the journal and closes it again; fails if it cannot.
 *   <li>{@code fill DIR}: appends until an append fails, printing {@code ACK key} after each
 *       acknowledged one and {@code FAILED key message} for the one that failed; then exits.
 *   <li>{@code work DIR SYNC BASE SEED}: runs {@link JournalWorkload} with several writers until
 *       killed, printing {@code A key value} after each acknowledged append, {@code R key value}
 *       after each revocation and {@code W key value} (flushed) before each checkpoint.
 * </ul>
 */
public final class JournalChild {

  static final String CACHE = "events";
  static final long WORK_SEGMENT_BYTES = 256 << 10;
  static final int WRITERS = 8;

  private JournalChild() {}

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[1]);
    switch (args[0]) {
      case "hold" -> hold(directory);
      case "try" -> LocalJournal.at(directory).open().close();
      case "fill" -> fill(directory);
      case "work" ->
          work(directory, sync(args[2]), Long.parseLong(args[3]), Long.parseLong(args[4]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  static JournalSync sync(String name) {
    return switch (name) {
      case "everyWrite" -> JournalSync.everyWrite();
      case "every2ms" -> JournalSync.every(Duration.ofMillis(2));
      case "never" -> JournalSync.never();
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static void hold(Path directory) throws Exception {
    try (LocalJournal journal = LocalJournal.at(directory).open()) {
      System.out.println("OPEN " + journal);
      System.out.flush();
      while (System.in.read() >= 0) {
        // Holds the journal until the test closes stdin or dies.
      }
    }
  }

  private static void fill(Path directory) {
    LocalJournal journal = LocalJournal.at(directory).open();
    CacheLog log = journal.open(JournalSpecs.writeBehind(CACHE), entries -> {});
    byte[] value = new byte[100];
    for (int i = 0; ; i++) {
      String key = "k" + i;
      try {
        log.append(JournalWorkload.METHOD, key, value);
      } catch (WriteBehindLogException e) {
        System.out.println("FAILED " + key + " " + e.getMessage().replace('\n', ' '));
        System.out.flush();
        System.exit(0);
      }
      System.out.println("ACK " + key);
    }
  }

  private static void work(Path directory, JournalSync sync, long base, long seed)
      throws Exception {
    PrintStream out =
        new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
            false,
            StandardCharsets.US_ASCII);
    LocalJournal journal =
        LocalJournal.at(directory).sync(sync).segmentBytes(WORK_SEGMENT_BYTES).open();
    CacheLog log = journal.open(JournalSpecs.writeBehind(CACHE), entries -> {});
    JournalWorkload workload =
        new JournalWorkload(
            log,
            base,
            new JournalWorkload.Report() {
              @Override
              public void acknowledged(String key, long value) {
                out.println("A " + key + " " + value);
              }

              @Override
              public void revoked(String key, long value) {
                out.println("R " + key + " " + value);
              }

              @Override
              public void written(String key, long value) {
                out.println("W " + key + " " + value);
              }

              @Override
              public void beforeMarking() {
                out.flush();
              }
            });
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> {
          out.println("ERROR " + thread.getName() + " " + e);
          out.flush();
          e.printStackTrace();
        });
    workload.adopt(log.recovered());
    out.println("STARTED");
    out.flush();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < WRITERS; t++) {
      threads.add(new Thread(workload.writer("t" + t + "-", 200, Long.MAX_VALUE, seed + t)));
    }
    threads.add(new Thread(workload.flusher(seed - 1)));
    for (Thread thread : threads) {
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join(); // until killed
    }
  }
}
