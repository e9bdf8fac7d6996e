package dev.cachalot.store;

import dev.cachalot.JournalSpecs;
import dev.cachalot.store.WriteBehindLog.CacheLog;
import dev.cachalot.store.WriteBehindLog.Entry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/** What the journal's tests share: opening caches, reading what a journal recovers, logs. */
final class JournalTesting {

  static final String METHOD = JournalWorkload.METHOD;

  private JournalTesting() {}

  static CacheLog cache(LocalJournal journal, String name) {
    return journal.open(JournalSpecs.writeBehind(name), entries -> {});
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The value of {@code entry} as text; {@code "<delete>"} for a delete. */
  static String text(Entry entry) {
    return entry.value() == null ? "<delete>" : new String(entry.value(), StandardCharsets.UTF_8);
  }

  /** What {@code cache} recovers in {@code journal}, key to value text, in append order. */
  static Map<String, String> recovered(CacheLog log) {
    Map<String, String> recovered = new LinkedHashMap<>();
    for (Entry entry : log.recovered()) {
      String previous = recovered.put(entry.key(), text(entry));
      if (previous != null) {
        throw new AssertionError("two recovered entries of key " + entry.key());
      }
    }
    return recovered;
  }

  /** Opens the journal in {@code directory}, reads what {@code cache} recovers, closes it. */
  static Map<String, String> recovered(Path directory, String cache) {
    try (LocalJournal journal = LocalJournal.at(directory).sync(JournalSync.never()).open()) {
      return recovered(cache(journal, cache));
    }
  }

  /** The segment files in {@code directory}, oldest first. */
  static List<Path> segments(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(file -> JournalSegment.idOf(file.getFileName().toString()) >= 0)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code action} and returns what it logged: slf4j-simple, the test binding, writes to
   * whatever {@code System.err} is at the time of the call.
   */
  static String logOf(Runnable action) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  /** Runs {@code body(i)} on {@code threads} threads started together; rethrows the first error. */
  static void concurrently(int threads, IntConsumer body) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int index = t;
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                  body.accept(index);
                } catch (Throwable e) {
                  errors.add(e);
                }
              },
              "journal-test-" + t);
      thread.start();
      started.add(thread);
    }
    start.countDown();
    for (Thread thread : started) {
      thread.join();
    }
    if (!errors.isEmpty()) {
      AssertionError error = new AssertionError(errors.size() + " threads failed", errors.peek());
      errors.forEach(error::addSuppressed);
      throw error;
    }
  }
}
