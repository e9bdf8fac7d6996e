package dev.cachalot.bench;

import dev.cachalot.Cachalot;
import dev.cachalot.store.CaffeineStore;
import dev.cachalot.store.JournalSync;
import dev.cachalot.store.LocalJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Writes of new rows (one insert each) from one caller thread, as fast as it can, on H2 (in memory)
 * and on the local PostgreSQL. JMH samples the caller's latency per call; at the end of each
 * iteration the write-behind buffer is flushed and the rows in the table are counted, which gives
 * the sustained rows per second that reached the database (written to the file named by {@code
 * -Dcachalot.bench.rowsFile}, one JSON object per line, for the report).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WriteBenchmark {

  @Param({"h2", "postgresql"})
  public String db;

  private static final String PAYLOAD = "a payload of some thirty characters";

  private final AtomicLong ids = new AtomicLong();
  private Database database;
  private Cachalot cachalot;
  private RowDaos.Rows direct;
  private RowDaos.CacheAsideRows cacheAside;
  private RowDaos.WriteThroughRows writeThrough;
  private RowDaos.WriteBehindRows writeBehind;
  private long iterationStart;

  /** Write-behind with a local journal, one Cachalot per sync policy (a log is per Cachalot). */
  private Path journals;

  private Cachalot journalEveryWrite;
  private Cachalot journalGroup;
  private Cachalot journalNoSync;
  private RowDaos.WriteBehindRows writeBehindJournal;
  private RowDaos.WriteBehindRows writeBehindJournalGroup;
  private RowDaos.WriteBehindRows writeBehindJournalNoSync;

  @Setup(Level.Trial)
  public void setUp() {
    database = Database.open(db);
    JdbcRows rows = new JdbcRows(database);
    // Bounded so that a long run of unique keys does not grow the heap without end.
    cachalot = Cachalot.builder().store(CaffeineStore.maximumSize(100_000)).build();
    direct = rows;
    cacheAside = cachalot.decorate(RowDaos.CacheAsideRows.class, rows);
    writeThrough = cachalot.decorate(RowDaos.WriteThroughRows.class, rows);
    writeBehind = cachalot.decorate(RowDaos.WriteBehindRows.class, rows);
    try {
      journals = Files.createTempDirectory("cachalot-bench-journal-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    journalEveryWrite = journaled("every-write", JournalSync.everyWrite());
    journalGroup = journaled("group-2ms", JournalSync.every(Duration.ofMillis(2)));
    journalNoSync = journaled("no-fsync", JournalSync.never());
    writeBehindJournal = journalEveryWrite.decorate(RowDaos.WriteBehindRows.class, rows);
    writeBehindJournalGroup = journalGroup.decorate(RowDaos.WriteBehindRows.class, rows);
    writeBehindJournalNoSync = journalNoSync.decorate(RowDaos.WriteBehindRows.class, rows);
  }

  private Cachalot journaled(String directory, JournalSync sync) {
    return Cachalot.builder()
        .store(CaffeineStore.maximumSize(100_000))
        .writeBehindLog(LocalJournal.at(journals.resolve(directory)).sync(sync).open())
        .build();
  }

  @Setup(Level.Iteration)
  public void startIteration() {
    database.truncate();
    ids.set(0);
    iterationStart = System.nanoTime();
  }

  @TearDown(Level.Iteration)
  public void endIteration(BenchmarkParams benchmark, IterationParams iteration)
      throws IOException {
    for (Cachalot each : List.of(cachalot, journalEveryWrite, journalGroup, journalNoSync)) {
      each.cache("wbRows").flush();
    }
    double seconds = (System.nanoTime() - iterationStart) / 1e9;
    long rows = database.count();
    long written = ids.get();
    String line =
        String.format(
            Locale.ROOT,
            "{\"benchmark\":\"%s\",\"db\":\"%s\",\"iteration\":\"%s\",\"calls\":%d,"
                + "\"rows\":%d,\"seconds\":%.4f,\"rowsPerSecond\":%.1f}%n",
            benchmark.getBenchmark(),
            db,
            iteration.getType(),
            written,
            rows,
            seconds,
            rows / seconds);
    String file = System.getProperty("cachalot.bench.rowsFile");
    if (file != null) {
      Files.writeString(
          Path.of(file),
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
    if (rows != written) {
      throw new IllegalStateException(
          "after the flush the table holds " + rows + " rows, but " + written + " were written");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    for (Cachalot each : List.of(cachalot, journalEveryWrite, journalGroup, journalNoSync)) {
      each.close();
    }
    database.close();
    try (Stream<Path> paths = Files.walk(journals)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private Row next() {
    return new Row(ids.incrementAndGet(), PAYLOAD);
  }

  @Benchmark
  public void direct() {
    direct.insert(next());
  }

  @Benchmark
  public void cacheAside() {
    cacheAside.insert(next());
  }

  @Benchmark
  public void writeThrough() {
    writeThrough.insert(next());
  }

  @Benchmark
  public void writeBehind() {
    writeBehind.insert(next());
  }

  /** Write-behind with a local journal, fsync before each write returns. */
  @Benchmark
  public void writeBehindJournal() {
    writeBehindJournal.insert(next());
  }

  /** Write-behind with a local journal, group commit every 2 ms. */
  @Benchmark
  public void writeBehindJournalGroup() {
    writeBehindJournalGroup.insert(next());
  }

  /** Write-behind with a local journal, written to the OS before each write returns, no fsync. */
  @Benchmark
  public void writeBehindJournalNoSync() {
    writeBehindJournalNoSync.insert(next());
  }
}
