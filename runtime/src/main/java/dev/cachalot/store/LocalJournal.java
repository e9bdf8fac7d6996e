package dev.cachalot.store;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cachalot.CacheSpec;
import dev.cachalot.store.JournalFormat.MalformedRecordException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Design note: the local journal. What it promises, and why it holds.
 *
 * Files. A directory holds the journal of one Cachalot (all its write-behind caches): journal.lock
 * and segment files segment-<20-digit id>.log, appended to one at a time (the newest, "active"
 * one). Format version 1, big-endian:
 *
 *   segment header (36 bytes)
 *     magic "CJNL" (4) | format version (4) | segment id (8)
 *     | previous end (8): the valid length of segment id-1 when this one was started, -1 if none
 *     | next sequence number (8) | CRC32C of the 32 bytes before (4)
 *   record
 *     sync marker 0xCA5CAD07 (4) | body length n (4) | CRC32C of the length field and body (4)
 *     | body (n)
 *   bodies: a type byte, then
 *     1 ENTRY       seq (8) | cache | method | key | value    (strings: length (4) + UTF-8;
 *                                                            value: length (4) + bytes, -1 = delete)
 *     2 WRITTEN     count (4) | seq (8) * count    in the database: they and older entries of
 *     3 SUPERSEDED  count (4) | seq (8) * count    their keys are never replayed
 *     4 REVOKED     count (4) | seq (8) * count    failed after the append: never replayed
 *
 * Magic and version come first in every version, so that a newer segment is recognized (and
 * refused, naming both versions) whatever follows. Sequence numbers are journal-wide, so markers
 * need no cache name, and isAfter compares them.
 *
 * Durability. An append encodes its record, writes it (pwrite) at the end of the active segment
 * under `appendLock`, and takes a ticket (the count of records written); it is acknowledged once
 * `syncedTicket` covers its ticket. Syncs run outside `appendLock`: a sync reads the active
 * segment and the current ticket under the lock, forces the channel (fdatasync) without it, then
 * raises `syncedTicket`. everyWrite: the appender runs the sync itself unless one is running, in
 * which case it waits for it and runs the next one if that did not cover it, so writers waiting at
 * the same time share one fsync. every(window): a journal thread runs the syncs, one at most every
 * window, covering whatever was written meanwhile. never: acknowledged when pwrite returned.
 * Rotation forces the old segment before the new one takes records, so a ticket is covered once a
 * sync of its own segment or a later one ran. New segment files are forced, and the directory
 * too, before records go into them.
 *
 * Failures. A failed write is taken back (truncated to where the record started) and the append
 * throws; when even the truncation fails, the journal rotates to a new segment whose header says
 * where the old one's valid bytes end, so the scan drops the remains; when that fails too, the
 * journal fails. A failed fsync fails the journal for good (after a failed fsync the kernel may
 * have dropped the dirty pages, so nothing written since the last good one can be trusted): the
 * active segment is cut back to what the last good sync covered, which removes exactly the
 * records nobody was acknowledged for, and every waiting and later append throws. So an append
 * that threw never leaves a record the scan would replay (if even that cut fails, its exception
 * says the write may still be applied after a restart, as the SPI asks), and none is acknowledged
 * before its record is as durable as its policy says.
 *
 * What is live. The index (JournalIndex) holds, per cache and key, the entries still needed,
 * oldest first. written(e) and superseded(e) make e and every older live entry of its key dead
 * (the older ones are superseded by e, or by what superseded e), and the marker lists all of them
 * explicitly; revoked(e) makes only e dead. A marker is written before the index changes, so a
 * marker that could not be written leaves its entries live (replayed after a restart: a repeated
 * flush). Recovery replays the records in segment order through the same index methods, and
 * recovered() is the newest live entry of each key: the newest entry of the key that is not
 * revoked, unless that one is written or superseded (then every older one is dead too). superseded
 * is taken as final: the engine reports an entry superseded only once the write that replaced it
 * was acknowledged, so that one is never revoked afterwards. Reports are idempotent (a dead entry
 * is skipped), as the engine may report one entry twice. A cache's log may be closed and opened
 * again (the engine does when it cannot decode what was recovered): recovered() is then read again
 * from the index. Entries are equal when they have the same sequence number in the same journal.
 *
 * Deleting segments. Segments are deleted oldest first, and only when none of their entries is
 * live. Markers only name entries appended (or copied) before them, so the markers in the oldest
 * segment name only entries in it or already deleted: deleting it cannot resurrect an entry
 * elsewhere. The one way an entry could outlive the record of its death is an older live entry
 * copied forward after a newer one of its key: that is why markers list the older entries they
 * kill explicitly rather than by key. Before a deletion a sync covers every record written so far
 * (in every policy), so the markers and copies that made the segment dead are on disk before it
 * goes. When the journal holds more segments than 2 + 2 * (live record bytes / segmentBytes), the
 * live records of the oldest are copied forward (verbatim: same sequence numbers, same checksums,
 * a batch at a time under the lock) and the segment is deleted, so keys that keep failing cannot
 * pin the disk: the directory stays within about twice what is live, plus two segments. Copying
 * cannot go round in circles: copies land behind every other segment, and the dead segments in
 * between are deleted before the copies are oldest again; when most is live (the database is down)
 * nothing is copied. While the database keeps up, the directory holds one or two segments.
 *
 * Opening. The directory is locked (JournalLock), then every segment is scanned (JournalScan):
 * a torn or damaged tail of the last segment, with no valid record after it (found by searching
 * for the sync marker), is truncated with a warning; damage anywhere else, a segment cut short of
 * what its successor's header says, an unreadable header, or a newer format version is refused
 * with the file, the offset and what the operator can do, and nothing is changed. A new segment is
 * started at every open, so the old ones are never appended to again.
 *
 * Locks. appendLock (segments, index, tickets) may be held while taking syncLock (sync state),
 * never the other way round; no fsync runs under appendLock except the one of a rotation.
 * reclaimLock makes deletions one at a time; they run on the flusher's thread (in written and
 * superseded) and at open, never on a writer's (append, revoked). A segment's channel is closed
 * only once no sync that may have picked it is running.
 *
 * The tests: LocalJournalTest (round trip, markers, rotation and the deletion bound, copy-forward,
 * failed writes and fsyncs, durability before acknowledgement, grouping, concurrency),
 * JournalRecoveryTest (torn tails, damage in the middle, newer formats), JournalProcessTest (the
 * lock across processes, a full disk, kill -9 per sync policy, in child JVMs), JournalEngineTest
 * (under the write-behind engine, through the public API).
 */

/**
 * A {@link WriteBehindLog} on local disk: an append-only, checksummed journal in one directory,
 * which holds the acknowledged, not yet flushed writes of every write-behind cache of one Cachalot,
 * and replays them after a restart, including one after {@code kill -9} or (with fsync) a power
 * loss.
 *
 * <pre>{@code
 * LocalJournal journal = LocalJournal.at(Path.of("/var/lib/shop/journal"))
 *     .sync(JournalSync.every(Duration.ofMillis(2)))
 *     .open();
 * }</pre>
 *
 * <p>Writes are acknowledged once durable as the {@linkplain JournalSync sync policy} says. A
 * failure to write or sync (a full disk) fails the append with a {@link WriteBehindLogException},
 * and that write is never replayed. The journal rotates its segments at {@link
 * Builder#segmentBytes} and deletes them once the database has what they hold, so it does not grow
 * while the database keeps up. One journal directory belongs to one live process.
 *
 * <p>Thread-safe. {@code append} blocks for the write and, per the sync policy, an fsync;
 * checkpoints ({@code written}, {@code superseded}) block for a write and, when they free a
 * segment, one fsync.
 */
public final class LocalJournal implements WriteBehindLog {

  private static final Logger log = LoggerFactory.getLogger(LocalJournal.class);

  /** The default rotation size. */
  static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

  static final long MIN_SEGMENT_BYTES = 4096;
  static final long MAX_SEGMENT_BYTES = 1L << 30;

  /** How many records {@link #reclaim} copies forward while it holds the append lock. */
  private static final int COPY_BATCH = 256;

  private final Path directory;
  private final JournalSync sync;
  private final long segmentBytes;
  private final JournalFiles files;
  private final JournalLock lock;

  private final ReentrantLock appendLock = new ReentrantLock();

  /** Oldest first; the last one is the active segment, which takes the records. */
  @GuardedBy("appendLock")
  private final ArrayDeque<JournalSegment> segments = new ArrayDeque<>();

  @GuardedBy("appendLock")
  private final JournalIndex index;

  /** The logs of the caches open now, by name. */
  @GuardedBy("appendLock")
  private final Map<String, CacheJournal> caches = new HashMap<>();

  @GuardedBy("appendLock")
  private long nextSeq;

  @GuardedBy("appendLock")
  private long nextSegmentId;

  /** How many records were written: the ticket of the last one. */
  @GuardedBy("appendLock")
  private long writeTicket;

  @GuardedBy("appendLock")
  private boolean closed;

  /** Why the journal accepts no more writes, once it failed; null while it works. */
  private volatile String failure;

  /**
   * Whether, when the journal failed, it could not cut back the records nobody was acknowledged
   * for: their appends threw, yet a restart may replay them.
   */
  private volatile boolean cutBackFailed;

  private final ReentrantLock syncLock = new ReentrantLock();
  private final Condition syncDone = syncLock.newCondition();
  private final Condition syncWanted = syncLock.newCondition();

  /** The ticket of the last record a completed sync covered. */
  @GuardedBy("syncLock")
  private long syncedTicket;

  /** The highest ticket an appender waits for (group commit). */
  @GuardedBy("syncLock")
  private long wantedTicket;

  /** Whether a sync is running; at most one runs at a time. */
  @GuardedBy("syncLock")
  private boolean syncing;

  /** Whether the group commit thread waits for work (not for its window). */
  @GuardedBy("syncLock")
  private boolean committerIdle;

  @GuardedBy("syncLock")
  private boolean stopping;

  /** How many fsyncs ran; for the tests of grouping. */
  private final AtomicLong syncs = new AtomicLong();

  /** Runs the syncs of group commit; null with the other policies. */
  private final Thread committer;

  /** Held while a segment is copied forward and deleted: one reclamation at a time. */
  private final ReentrantLock reclaimLock = new ReentrantLock();

  private LocalJournal(Builder builder, JournalLock lock, JournalScan.Result scan)
      throws IOException {
    this.directory = builder.directory;
    this.sync = builder.sync;
    this.segmentBytes = builder.segmentBytes;
    this.files = builder.files;
    this.lock = lock;
    this.index = scan.index();
    this.nextSeq = scan.nextSeq();
    this.nextSegmentId = scan.nextId();
    this.segments.addAll(scan.segments());
    appendLock.lock();
    try {
      JournalSegment last = segments.peekLast();
      long previousEnd = last != null && last.id == nextSegmentId - 1 ? last.size : -1;
      segments.addLast(createSegment(nextSegmentId++, previousEnd));
    } finally {
      appendLock.unlock();
    }
    if (sync.grouped()) {
      committer = new Thread(this::commitGroups, "cachalot-journal-sync " + directory);
      committer.setDaemon(true);
    } else {
      committer = null;
    }
  }

  /** Starts configuring the journal in {@code directory}; {@link Builder#open} opens it. */
  public static Builder at(Path directory) {
    return new Builder(directory);
  }

  /** Configures a {@link LocalJournal}. Not thread-safe. */
  public static final class Builder {
    private final Path directory;
    private JournalSync sync = JournalSync.everyWrite();
    private long segmentBytes = DEFAULT_SEGMENT_BYTES;
    private JournalFiles files = JournalFiles.SYSTEM;

    private Builder(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
    }

    /** When an append is acknowledged; by default {@link JournalSync#everyWrite()}. */
    public Builder sync(JournalSync sync) {
      this.sync = Objects.requireNonNull(sync, "sync");
      return this;
    }

    /**
     * The size at which the journal starts a new segment file (64 MiB by default; from 4 KiB to 1
     * GiB). Segments are deleted whole, so smaller ones give disk space back sooner, at the price
     * of more files and more fsyncs of rotation.
     */
    public Builder segmentBytes(long segmentBytes) {
      if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > MAX_SEGMENT_BYTES) {
        throw new IllegalArgumentException(
            "segmentBytes must be from "
                + MIN_SEGMENT_BYTES
                + " to "
                + MAX_SEGMENT_BYTES
                + ": "
                + segmentBytes);
      }
      this.segmentBytes = segmentBytes;
      return this;
    }

    /** How segment files are opened; tests pass channels that fail. */
    Builder files(JournalFiles files) {
      this.files = Objects.requireNonNull(files, "files");
      return this;
    }

    /**
     * Creates the directory if needed, locks it, and scans and validates every segment in it.
     *
     * @throws WriteBehindLogException when the directory is in use by another process or another
     *     journal of this one, when a segment is damaged other than at the tail of the last one, or
     *     written by a newer format, or when the directory cannot be used
     */
    public LocalJournal open() {
      try {
        Files.createDirectories(directory);
      } catch (IOException e) {
        throw new WriteBehindLogException(
            "journal directory " + directory + " cannot be created: " + e, e);
      }
      JournalLock lock = JournalLock.acquire(directory);
      JournalScan.Result scan;
      try {
        scan = JournalScan.scan(directory, files);
      } catch (RuntimeException e) {
        lock.release();
        throw e;
      }
      LocalJournal journal;
      try {
        journal = new LocalJournal(this, lock, scan);
      } catch (IOException | RuntimeException e) {
        for (JournalSegment segment : scan.segments()) {
          closeQuietly(segment);
        }
        lock.release();
        throw new WriteBehindLogException(
            "journal " + directory + ": cannot start a new segment: " + e, e);
      }
      journal.start();
      return journal;
    }
  }

  private void start() {
    if (committer != null) {
      committer.start();
    }
    Map<String, Integer> recovered;
    int segmentCount;
    appendLock.lock();
    try {
      recovered = index.keysPerCache();
      segmentCount = segments.size();
    } finally {
      appendLock.unlock();
    }
    log.info(
        "{}: opened, {} segments, writes to replay: {}",
        this,
        segmentCount,
        recovered.isEmpty() ? "none" : recovered);
    reclaim();
  }

  // ---------------------------------------------------------------- caches

  @Override
  public CacheLog open(CacheSpec cache, Adopter adopter) {
    Objects.requireNonNull(cache, "cache");
    String name = cache.name();
    appendLock.lock();
    try {
      if (closed) {
        throw new WriteBehindLogException("cache '" + name + "': " + this + " is closed");
      }
      if (failure != null) {
        throw new WriteBehindLogException("cache '" + name + "': " + failedMessage());
      }
      if (caches.containsKey(name)) {
        throw new IllegalStateException("cache '" + name + "' is open already in " + this);
      }
      List<Entry> recovered = new ArrayList<>();
      Map<String, String> methods = new HashMap<>();
      for (JournalSlot slot : index.newestOf(name)) {
        JournalFormat.EntryBody body = readEntry(slot);
        String method = methods.computeIfAbsent(body.method, text -> text);
        recovered.add(new JournalEntry(this, slot, method, body.value));
      }
      CacheJournal opened = new CacheJournal(name, recovered);
      caches.put(name, opened);
      return opened;
    } finally {
      appendLock.unlock();
    }
  }

  /** The log of one cache in this journal. Thread-safe, as the journal is. */
  private final class CacheJournal implements CacheLog {
    private final String name;
    private volatile List<Entry> recovered;

    CacheJournal(String name, List<Entry> recovered) {
      this.name = name;
      this.recovered = Collections.unmodifiableList(recovered);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The entries are read when the cache is opened and handed over once: the journal forgets
     * them then, so their values are not held twice; a later call returns no entries.
     */
    @Override
    public List<Entry> recovered() {
      List<Entry> entries = recovered;
      recovered = List.of();
      return entries;
    }

    @Override
    public Entry append(String method, String key, byte[] value) {
      return LocalJournal.this.append(this, method, key, value);
    }

    @Override
    public void revoked(Entry entry) {
      revoke(this, own(entry));
    }

    @Override
    public List<Claim> claim(List<Entry> entries) {
      return Collections.nCopies(entries.size(), Claim.WRITE);
    }

    @Override
    public void written(List<Entry> entries) {
      checkpoint(JournalFormat.WRITTEN, own(entries));
    }

    @Override
    public void superseded(List<Entry> entries) {
      checkpoint(JournalFormat.SUPERSEDED, own(entries));
    }

    @Override
    public void released(List<Entry> entries) {
      // One process: nobody else claims an entry, so there is nothing to give back.
    }

    /** Stops appends of this cache; its pending entries stay in the journal. */
    @Override
    public void close() {
      appendLock.lock();
      try {
        caches.remove(name, this);
      } finally {
        appendLock.unlock();
      }
    }

    @Override
    public String toString() {
      return "cache '" + name + "' in " + LocalJournal.this;
    }
  }

  private JournalEntry own(Entry entry) {
    if (entry instanceof JournalEntry own && own.journal == this) {
      return own;
    }
    throw new IllegalArgumentException(entry + " is not an entry of " + this);
  }

  private List<JournalEntry> own(List<Entry> entries) {
    List<JournalEntry> own = new ArrayList<>(entries.size());
    for (Entry entry : entries) {
      own.add(own(entry));
    }
    return own;
  }

  // ---------------------------------------------------------------- appends

  private Entry append(CacheJournal cache, String method, String key, byte[] value) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(key, "key");
    JournalSlot slot;
    long ticket;
    appendLock.lock();
    try {
      checkAppendable(cache, key);
      long seq = nextSeq++;
      ByteBuffer record;
      try {
        record = JournalFormat.entry(seq, cache.name, method, key, value);
      } catch (IllegalArgumentException e) {
        throw new WriteBehindLogException(what(cache, key) + e.getMessage(), e);
      }
      int length = record.remaining();
      long offset;
      try {
        offset = write(record);
      } catch (IOException e) {
        throw notDurable(cache, key, e);
      }
      slot = new JournalSlot(seq, cache.name, key, segments.getLast(), offset, length);
      index.add(slot);
      ticket = writeTicket;
    } finally {
      appendLock.unlock();
    }
    if (!awaitDurable(ticket)) {
      throw new WriteBehindLogException(
          what(cache, key)
              + "the write was not acknowledged"
              + (cutBackFailed
                  ? ", but the journal could not take it back: it may still be written to the"
                      + " database after a restart; "
                  : ": ")
              + failedMessage());
    }
    return new JournalEntry(this, slot, method, value);
  }

  @GuardedBy("appendLock")
  private void checkAppendable(CacheJournal cache, String key) {
    if (closed || caches.get(cache.name) != cache) {
      throw new WriteBehindLogException(
          what(cache, key) + (closed ? this + " is closed" : "the cache's log is closed"));
    }
    if (failure != null) {
      throw new WriteBehindLogException(what(cache, key) + failedMessage());
    }
  }

  private static String what(CacheJournal cache, String key) {
    return "cache '" + cache.name + "', key " + key + ": ";
  }

  private WriteBehindLogException notDurable(CacheJournal cache, String key, IOException e) {
    return new WriteBehindLogException(
        what(cache, key)
            + "the write could not be made durable in "
            + this
            + ": "
            + e.getMessage()
            + "; it was not acknowledged and is not replayed",
        e);
  }

  private String failedMessage() {
    return this
        + " has failed and accepts no writes ("
        + failure
        + "); restart the process: what was acknowledged before is recovered from the journal";
  }

  /**
   * Writes {@code record} at the end of the active segment, rotating first when it would not fit;
   * returns where it starts. A failed write is taken back.
   *
   * @throws IOException naming the file, when the record could not be written
   */
  @GuardedBy("appendLock")
  private long write(ByteBuffer record) throws IOException {
    JournalSegment segment = segments.getLast();
    int length = record.remaining();
    if (segment.size > JournalFormat.HEADER_BYTES && segment.size + length > segmentBytes) {
      rotate(segment.size);
      segment = segments.getLast();
    }
    long start = segment.size;
    try {
      writeFully(segment.channel, record, start);
    } catch (IOException e) {
      IOException failed = new IOException("writing " + segment.file + " failed: " + e, e);
      takeBack(segment, start, failed);
      throw failed;
    }
    segment.size = start + length;
    writeTicket++;
    return start;
  }

  private static void writeFully(FileChannel channel, ByteBuffer bytes, long at)
      throws IOException {
    long position = at;
    while (bytes.hasRemaining()) {
      position += channel.write(bytes, position);
    }
  }

  /**
   * Removes what a failed write left of its record at {@code start}: truncates it away or, when
   * that fails, rotates so that no record follows the remains (the new segment's header says where
   * the valid bytes end); when that fails too, the journal fails.
   */
  @GuardedBy("appendLock")
  private void takeBack(JournalSegment segment, long start, IOException failed) {
    try {
      segment.channel.truncate(start);
      return;
    } catch (IOException e) {
      failed.addSuppressed(e);
    }
    try {
      rotate(start);
      log.warn(
          "{}: could not truncate a failed record at offset {} of {}; continued in a new segment"
              + " (the remains are dropped when the journal is opened next)",
          this,
          start,
          segment.file,
          failed);
    } catch (IOException e) {
      failed.addSuppressed(e);
      fail("a failed write could not be taken back from " + segment.file, failed);
    }
  }

  /**
   * Makes every record written so far durable and starts a new segment after the active one, whose
   * valid bytes end at {@code validEnd}.
   */
  @GuardedBy("appendLock")
  private void rotate(long validEnd) throws IOException {
    JournalSegment old = segments.getLast();
    try {
      old.channel.force(false);
      syncs.incrementAndGet();
    } catch (IOException e) {
      IOException failed = new IOException("fsync of " + old.file + " failed: " + e, e);
      fail("fsync of " + old.file + " failed", failed);
      throw failed;
    }
    long ticket = writeTicket;
    syncLock.lock();
    try {
      old.syncedSize = validEnd;
      syncedTicket = Math.max(syncedTicket, ticket);
      syncDone.signalAll();
    } finally {
      syncLock.unlock();
    }
    segments.addLast(createSegment(nextSegmentId, validEnd));
    nextSegmentId++;
  }

  /** Creates segment {@code id}: its header, forced, and its directory entry, forced. */
  @GuardedBy("appendLock")
  private JournalSegment createSegment(long id, long previousEnd) throws IOException {
    Path file = directory.resolve(JournalSegment.fileName(id));
    FileChannel channel = files.open(file, Set.of(CREATE, TRUNCATE_EXISTING, READ, WRITE));
    try {
      writeFully(channel, JournalFormat.header(id, previousEnd, nextSeq), 0);
      channel.force(true);
      try (FileChannel folder = FileChannel.open(directory, READ)) {
        folder.force(true);
      }
    } catch (IOException e) {
      try {
        channel.close();
        Files.deleteIfExists(file);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup); // a torn header in the last segment is deleted at the next open
      }
      throw new IOException("creating " + file + " failed: " + e, e);
    }
    return new JournalSegment(id, file, channel, JournalFormat.HEADER_BYTES);
  }

  // ---------------------------------------------------------------- durability

  /**
   * Waits until the record of {@code ticket} is durable as the sync policy says; false when the
   * journal failed first.
   */
  private boolean awaitDurable(long ticket) {
    if (!sync.syncsBeforeAcknowledging()) {
      return true;
    }
    if (!sync.grouped()) {
      return syncCovering(ticket);
    }
    syncLock.lock();
    try {
      if (ticket > wantedTicket) {
        wantedTicket = ticket;
        if (committerIdle) {
          syncWanted.signal();
        }
      }
      while (syncedTicket < ticket) {
        if (failure != null) {
          return false;
        }
        syncDone.awaitUninterruptibly();
      }
      return true;
    } finally {
      syncLock.unlock();
    }
  }

  /**
   * Returns once a sync that covers {@code ticket} ran, running it on this thread unless another
   * thread runs one; false when the journal failed first. Waits uninterruptibly: an append that
   * gave up waiting could leave a record that is replayed although its caller got an exception.
   */
  private boolean syncCovering(long ticket) {
    while (true) {
      syncLock.lock();
      try {
        while (true) {
          if (syncedTicket >= ticket) {
            return true;
          }
          if (failure != null) {
            return false;
          }
          if (!syncing) {
            break;
          }
          syncDone.awaitUninterruptibly();
        }
        syncing = true;
      } finally {
        syncLock.unlock();
      }
      runSync();
    }
  }

  /**
   * Forces the active segment and raises {@link #syncedTicket}; the caller set {@link #syncing}.
   */
  private void runSync() {
    JournalSegment segment;
    long target;
    long size;
    appendLock.lock();
    try {
      segment = segments.getLast();
      target = writeTicket;
      size = segment.size;
    } finally {
      appendLock.unlock();
    }
    IOException error = null;
    try {
      segment.channel.force(false);
      syncs.incrementAndGet();
    } catch (IOException e) {
      error = e;
    }
    if (error != null) {
      fail("fsync of " + segment.file + " failed", error);
    }
    syncLock.lock();
    try {
      if (error == null) {
        syncedTicket = Math.max(syncedTicket, target);
        segment.syncedSize = Math.max(segment.syncedSize, size);
      }
      syncing = false;
      syncDone.signalAll();
    } finally {
      syncLock.unlock();
    }
  }

  /** The group commit thread: one sync at most every window, for whatever is waiting. */
  private void commitGroups() {
    long window = sync.windowNanos();
    long lastStart = System.nanoTime() - window;
    try {
      while (true) {
        long target;
        syncLock.lock();
        try {
          committerIdle = true;
          while (!stopping && failure == null && wantedTicket <= syncedTicket) {
            syncWanted.awaitUninterruptibly();
          }
          committerIdle = false;
          if (failure != null || wantedTicket <= syncedTicket) {
            return; // stopping, and nobody waits
          }
          long wait = lastStart + window - System.nanoTime();
          if (wait > 0) {
            // Writers keep coming meanwhile: they are what this sync groups.
            syncWanted.await(wait, TimeUnit.NANOSECONDS);
            continue;
          }
          target = wantedTicket;
        } finally {
          syncLock.unlock();
        }
        lastStart = System.nanoTime();
        syncCovering(target);
      }
    } catch (InterruptedException e) {
      fail("the group commit thread was interrupted", new IOException(e));
    } catch (RuntimeException | Error e) {
      fail("the group commit thread failed", new IOException(e));
      throw e;
    }
  }

  /**
   * Puts the journal in its failed state: no more appends, waiting appenders get an exception. When
   * acknowledgements wait for fsyncs, the active segment is cut back to what the last good sync
   * covered: the records after it were acknowledged to nobody.
   */
  private void fail(String what, IOException cause) {
    appendLock.lock();
    try {
      if (failure != null) {
        return;
      }
      if (sync.syncsBeforeAcknowledging()) {
        JournalSegment active = segments.getLast();
        long keep;
        syncLock.lock();
        try {
          keep = active.syncedSize;
        } finally {
          syncLock.unlock();
        }
        try {
          active.channel.truncate(keep);
        } catch (IOException e) {
          cause.addSuppressed(e);
          cutBackFailed = true;
        }
      }
      failure = what + ": " + cause.getMessage();
      if (!closed) {
        log.error("{} failed and accepts no more writes: {}", this, what, cause);
      }
    } finally {
      appendLock.unlock();
    }
    syncLock.lock();
    try {
      syncDone.signalAll();
      syncWanted.signalAll();
    } finally {
      syncLock.unlock();
    }
  }

  // ---------------------------------------------------------------- markers

  /**
   * Records that {@code entries} (and the older live entries of their keys) are written or
   * superseded. Not synced by itself: losing it in a crash means a repeated flush.
   */
  private void checkpoint(byte type, List<JournalEntry> entries) {
    boolean reclaimDue;
    appendLock.lock();
    try {
      if (closed || failure != null) {
        return; // the entries are replayed after a restart: a repeated flush, which is allowed
      }
      Set<JournalSlot> done = new LinkedHashSet<>();
      for (JournalEntry entry : entries) {
        done.addAll(index.withOlder(entry.slot));
      }
      if (done.isEmpty()) {
        return;
      }
      List<JournalSlot> slots = new ArrayList<>(done);
      try {
        write(JournalFormat.marker(type, slots));
      } catch (IOException e) {
        log.warn(
            "{}: could not record that {} entries are {}; they stay in the journal and are written"
                + " again after a restart",
            this,
            slots.size(),
            type == JournalFormat.WRITTEN ? "written" : "superseded",
            e);
        return;
      }
      for (JournalSlot slot : slots) {
        index.kill(slot);
      }
      reclaimDue = reclaimDue();
    } finally {
      appendLock.unlock();
    }
    if (reclaimDue) {
      reclaim();
    }
  }

  private void revoke(CacheJournal cache, JournalEntry entry) {
    long ticket;
    appendLock.lock();
    try {
      if (entry.slot.dead) {
        return; // already never replayed
      }
      if (closed || failure != null) {
        throw new WriteBehindLogException(
            what(cache, entry.key())
                + "cannot record that the write failed: "
                + (closed ? this + " is closed" : failedMessage()));
      }
      try {
        write(JournalFormat.marker(JournalFormat.REVOKED, List.of(entry.slot)));
      } catch (IOException e) {
        throw new WriteBehindLogException(
            what(cache, entry.key())
                + "cannot record that the write failed, in "
                + this
                + ": "
                + e.getMessage(),
            e);
      }
      index.kill(entry.slot);
      ticket = writeTicket;
    } finally {
      appendLock.unlock();
    }
    // No reclaim here: this is a writer's thread; the flusher's next checkpoint deletes segments.
    if (!awaitDurable(ticket)) {
      throw new WriteBehindLogException(
          what(cache, entry.key()) + "cannot record that the write failed: " + failedMessage());
    }
  }

  // ---------------------------------------------------------------- deleting segments

  /**
   * Whether the oldest segment can go: nothing in it is live, or the journal holds more segments
   * than twice its live records need (plus the active one and one more), so that copying the oldest
   * one's live records forward lets the dead segments behind it go.
   */
  @GuardedBy("appendLock")
  private boolean reclaimDue() {
    if (segments.size() < 2) {
      return false;
    }
    return segments.getFirst().live == 0
        || segments.size() > 2 + 2.0 * index.liveBytes() / segmentBytes;
  }

  /**
   * Deletes the oldest segments while {@link #reclaimDue}, copying their live records forward first
   * (a batch at a time, so that appends go on meanwhile); a sync covers the copies and the markers
   * that made the segment dead before it goes. Does nothing while another thread reclaims.
   */
  private void reclaim() {
    if (!reclaimLock.tryLock()) {
      return;
    }
    try {
      while (true) {
        JournalSegment oldest;
        List<JournalSlot> live;
        appendLock.lock();
        try {
          if (closed || failure != null || !reclaimDue()) {
            return;
          }
          oldest = segments.getFirst();
          live = index.liveIn(oldest);
        } finally {
          appendLock.unlock();
        }
        for (int from = 0; from < live.size(); from += COPY_BATCH) {
          if (!copyForward(live.subList(from, Math.min(from + COPY_BATCH, live.size())))) {
            return;
          }
        }
        long ticket;
        appendLock.lock();
        try {
          if (oldest.live > 0) {
            return; // the journal failed or closed while copying
          }
          ticket = writeTicket;
        } finally {
          appendLock.unlock();
        }
        if (!syncCovering(ticket)) {
          return;
        }
        awaitNoSync();
        appendLock.lock();
        try {
          segments.removeFirst();
          closeQuietly(oldest);
          Files.deleteIfExists(oldest.file);
        } catch (IOException e) {
          // Everything in it is dead: at the next open it is read and deleted again.
          log.warn("{}: could not delete {}", this, oldest.file, e);
        } finally {
          appendLock.unlock();
        }
      }
    } finally {
      reclaimLock.unlock();
    }
  }

  /**
   * Copies the records of {@code slots} that are still live to the active segment, verbatim; false
   * when that failed (the journal keeps the originals, and says why in a warning).
   */
  private boolean copyForward(List<JournalSlot> slots) {
    appendLock.lock();
    try {
      if (closed || failure != null) {
        return false;
      }
      for (JournalSlot slot : slots) {
        if (!slot.dead) {
          long offset = write(readRecord(slot));
          index.move(slot, segments.getLast(), offset);
        }
      }
      return true;
    } catch (IOException e) {
      log.warn("{}: could not copy the live entries of the oldest segment forward", this, e);
      return false;
    } finally {
      appendLock.unlock();
    }
  }

  /** Waits until no sync runs: one that started earlier may still force an old segment. */
  private void awaitNoSync() {
    syncLock.lock();
    try {
      while (syncing) {
        syncDone.awaitUninterruptibly();
      }
    } finally {
      syncLock.unlock();
    }
  }

  // ---------------------------------------------------------------- reading records

  /** Reads the record of {@code slot} back, checking its checksum. */
  @GuardedBy("appendLock")
  private ByteBuffer readRecord(JournalSlot slot) throws IOException {
    ByteBuffer record = ByteBuffer.allocate(slot.length);
    JournalScan.readFully(slot.segment.channel, record, slot.offset);
    record.flip();
    if (JournalFormat.validRecordAt(record, 0) != slot.length) {
      throw new IOException(
          "the record at offset "
              + slot.offset
              + " of "
              + slot.segment.file
              + " fails its checksum: it was damaged on disk since the journal was opened");
    }
    return record;
  }

  @GuardedBy("appendLock")
  private JournalFormat.EntryBody readEntry(JournalSlot slot) {
    try {
      ByteBuffer body = JournalFormat.body(readRecord(slot), 0, slot.length);
      body.get(); // the type, ENTRY
      return JournalFormat.entryBody(body);
    } catch (IOException | MalformedRecordException e) {
      throw new WriteBehindLogException(
          "cache '"
              + slot.cache
              + "', key "
              + slot.key
              + ": the write to replay cannot be read from "
              + this
              + ": "
              + e.getMessage(),
          e);
    }
  }

  // ---------------------------------------------------------------- closing

  /**
   * Makes everything written durable, stops the journal's thread and unlocks the directory; what is
   * still pending stays in the journal for the next start. Idempotent.
   */
  @Override
  public void close() {
    long ticket;
    appendLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      caches.clear();
      ticket = writeTicket;
    } finally {
      appendLock.unlock();
    }
    reclaimLock.lock();
    try {
      if (failure == null) {
        syncCovering(ticket);
      }
      if (committer != null) {
        syncLock.lock();
        try {
          stopping = true;
          syncWanted.signalAll();
        } finally {
          syncLock.unlock();
        }
        joinUninterruptibly(committer);
      }
      awaitNoSync();
      appendLock.lock();
      try {
        for (JournalSegment segment : segments) {
          closeQuietly(segment);
        }
      } finally {
        appendLock.unlock();
      }
    } finally {
      reclaimLock.unlock();
      lock.release();
    }
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(JournalSegment segment) {
    try {
      segment.channel.close();
    } catch (IOException e) {
      // Everything written through it was forced, or is not needed.
    }
  }

  /** {@code "journal /var/lib/shop/journal (fsync every write)"}. */
  @Override
  public String toString() {
    return "journal " + directory + " (" + sync + ")";
  }

  // ---------------------------------------------------------------- for tests

  /** How many fsyncs of segments ran. */
  long syncCount() {
    return syncs.get();
  }

  /** The segment files, oldest first. */
  List<Path> segmentFiles() {
    appendLock.lock();
    try {
      List<Path> files = new ArrayList<>();
      for (JournalSegment segment : segments) {
        files.add(segment.file);
      }
      return files;
    } finally {
      appendLock.unlock();
    }
  }
}
