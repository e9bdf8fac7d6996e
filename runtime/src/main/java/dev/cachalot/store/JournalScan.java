package dev.cachalot.store;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.cachalot.store.JournalFormat.Header;
import dev.cachalot.store.JournalFormat.MalformedRecordException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and validates every segment of a journal directory when the journal opens, in segment
 * order, and rebuilds the index of live entries from their records and markers. Repairs only what a
 * crash leaves (a torn tail of the last segment, the remains of an append that failed and could not
 * be taken back) and refuses anything else, naming the file and offset, so that no acknowledged
 * write is skipped silently. Used by one thread, once.
 */
final class JournalScan {

  private static final Logger log = LoggerFactory.getLogger(LocalJournal.class);

  /** What the scan found: the segments (channels open), the live entries, what comes next. */
  record Result(List<JournalSegment> segments, JournalIndex index, long nextSeq, long nextId) {}

  private final Path directory;
  private final JournalFiles files;
  private final JournalIndex index = new JournalIndex();

  /** The live entries by sequence number, while markers may still name them. */
  private final Map<Long, JournalSlot> bySeq = new HashMap<>();

  /** One String per cache name, however many records repeat it. */
  private final Map<String, String> cacheNames = new HashMap<>();

  private final List<JournalSegment> segments = new ArrayList<>();
  private long maxSeq;

  private JournalScan(Path directory, JournalFiles files) {
    this.directory = directory;
    this.files = files;
  }

  /**
   * Scans {@code directory}, which the caller has locked.
   *
   * @throws WriteBehindLogException when a segment cannot be read, is damaged other than by a
   *     crash, or was written by a newer format; every channel the scan opened is closed then
   */
  static Result scan(Path directory, JournalFiles files) {
    JournalScan scan = new JournalScan(directory, files);
    try {
      return scan.run();
    } catch (IOException e) {
      scan.closeAll();
      throw new WriteBehindLogException(
          "journal " + directory + " cannot be read: " + e + "; nothing was changed", e);
    } catch (RuntimeException e) {
      scan.closeAll();
      throw e;
    }
  }

  private Result run() throws IOException {
    TreeMap<Long, Path> found = new TreeMap<>();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory)) {
      for (Path file : listing) {
        long id = JournalSegment.idOf(file.getFileName().toString());
        if (id >= 0) {
          found.put(id, file);
        }
      }
    }
    List<Header> headers = new ArrayList<>();
    for (Map.Entry<Long, Path> file : found.entrySet()) {
      boolean last = file.getKey().equals(found.lastKey());
      FileChannel channel = files.open(file.getValue(), Set.of(READ, WRITE));
      JournalSegment segment = new JournalSegment(file.getKey(), file.getValue(), channel, 0);
      Header header = header(segment, last);
      if (header == null) {
        channel.close();
        continue;
      }
      segments.add(segment);
      headers.add(header);
    }
    for (int i = 0; i < segments.size(); i++) {
      JournalSegment segment = segments.get(i);
      boolean hasSuccessor = i + 1 < segments.size() && segments.get(i + 1).id == segment.id + 1;
      long end = hasSuccessor ? headers.get(i + 1).previousEnd() : -1;
      records(segment, i == segments.size() - 1, end);
    }
    long nextSeq = maxSeq + 1;
    for (Header header : headers) {
      nextSeq = Math.max(nextSeq, header.nextSequence());
    }
    long nextId = segments.isEmpty() ? 1 : segments.get(segments.size() - 1).id + 1;
    return new Result(segments, index, nextSeq, nextId);
  }

  /**
   * Reads and checks the header of {@code segment}; returns null when it is the torn header of the
   * last segment (a crash while the segment was being created, before any record went into it),
   * which the scan then deletes.
   */
  private Header header(JournalSegment segment, boolean last) throws IOException {
    long size = segment.channel.size();
    ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(size, JournalFormat.HEADER_BYTES));
    readFully(segment.channel, bytes, 0);
    Header header = JournalFormat.readHeader(bytes.flip());
    if (header.problem() == null && header.version() > JournalFormat.VERSION) {
      throw new WriteBehindLogException(
          "journal "
              + directory
              + ": "
              + segment.file
              + " was written by journal format version "
              + header.version()
              + ", and this Cachalot reads format version "
              + JournalFormat.VERSION
              + " and older: run the newer Cachalot on this journal, or move the journal"
              + " directory aside to start without it (its writes are then not replayed)");
    }
    if (header.problem() != null) {
      if (last && firstValidRecord(new Window(segment.channel, size), 0) < 0) {
        log.warn(
            "journal {}: {} has no valid segment header ({}) and no record: a crash interrupted"
                + " its creation; deleted it ({} bytes)",
            directory,
            segment.file,
            header.problem(),
            size);
        segment.channel.close();
        Files.delete(segment.file);
        return null;
      }
      throw refusal(segment, "is not a valid journal segment: " + header.problem());
    }
    if (header.id() != segment.id) {
      throw refusal(
          segment, "holds segment " + header.id() + " but is named as segment " + segment.id);
    }
    return header;
  }

  /**
   * Reads the records of {@code segment} up to {@code end} (where the next segment's header says
   * this one ended, or -1: up to the end of the file).
   */
  private void records(JournalSegment segment, boolean last, long end) throws IOException {
    long size = segment.channel.size();
    if (end >= 0 && size < end) {
      throw refusal(
          segment,
          "holds "
              + size
              + " bytes, but the next segment was started when it held "
              + end
              + ": acknowledged records at its end were lost (the file was cut short)");
    }
    long limit = end >= 0 ? end : size;
    Window window = new Window(segment.channel, limit);
    long at = JournalFormat.HEADER_BYTES;
    while (at < limit) {
      int length = window.recordAt(at);
      if (length < 0) {
        if (!last || end >= 0) {
          throw refusal(
              segment,
              "has a damaged record at offset "
                  + at
                  + " (its checksum fails or it is cut short), and later segments follow it");
        }
        long valid = firstValidRecord(window, at + 1);
        if (valid >= 0) {
          throw refusal(
              segment,
              "has a damaged record at offset "
                  + at
                  + " (its checksum fails or it is cut short), and valid records follow it (at"
                  + " offset "
                  + valid
                  + ")");
        }
        log.warn(
            "journal {}: {} ends in an incomplete or damaged record at offset {}: truncated it"
                + " there, dropping {} bytes (a write a crash cut off before it was acknowledged);"
                + " every record before it is kept",
            directory,
            segment.file,
            at,
            size - at);
        cut(segment, at);
        break;
      }
      try {
        apply(segment, window.record(at, length), at, length);
      } catch (MalformedRecordException e) {
        throw refusal(
            segment, "has a record at offset " + at + " that cannot be read: " + e.getMessage());
      }
      at += length;
    }
    if (end >= 0 && size > end) {
      log.warn(
          "journal {}: {} holds {} bytes after offset {}, where the next segment was started: the"
              + " remains of an append that failed and could not be taken back; dropped them",
          directory,
          segment.file,
          size - end,
          end);
      cut(segment, end);
    }
    segment.size = at;
    segment.syncedSize = at;
  }

  /** Applies the valid record {@code record} (exactly its bytes), found at {@code at}. */
  private void apply(JournalSegment segment, ByteBuffer record, long at, int length)
      throws MalformedRecordException {
    ByteBuffer body = JournalFormat.body(record, 0, length);
    byte type = body.get();
    if (type == JournalFormat.ENTRY) {
      JournalFormat.EntryHead entry = JournalFormat.entryHead(body);
      maxSeq = Math.max(maxSeq, entry.seq());
      JournalSlot known = bySeq.get(entry.seq());
      if (known != null) {
        // A copy of a live entry, made to free an older segment that was not deleted yet.
        index.move(known, segment, at);
        return;
      }
      String cache = cacheNames.computeIfAbsent(entry.cache(), name -> name);
      JournalSlot slot = new JournalSlot(entry.seq(), cache, entry.key(), segment, at, length);
      index.add(slot);
      bySeq.put(slot.seq, slot);
      return;
    }
    if (type != JournalFormat.WRITTEN
        && type != JournalFormat.SUPERSEDED
        && type != JournalFormat.REVOKED) {
      throw new MalformedRecordException("a record of unknown type " + type);
    }
    for (long seq : JournalFormat.markedSeqs(body)) {
      maxSeq = Math.max(maxSeq, seq);
      JournalSlot slot = bySeq.get(seq);
      if (slot == null) {
        continue; // its segment was deleted already
      }
      List<JournalSlot> done =
          type == JournalFormat.REVOKED ? List.of(slot) : index.withOlder(slot);
      for (JournalSlot dead : done) {
        index.kill(dead);
        bySeq.remove(dead.seq);
      }
    }
  }

  /** The offset of the first valid record at or after {@code from}, or -1. */
  private static long firstValidRecord(Window window, long from) throws IOException {
    for (long at = from; at + JournalFormat.FRAME_BYTES <= window.limit; at++) {
      if (window.recordAt(at) > 0) {
        return at;
      }
    }
    return -1;
  }

  private static void cut(JournalSegment segment, long at) throws IOException {
    segment.channel.truncate(at);
    segment.channel.force(true);
  }

  private WriteBehindLogException refusal(JournalSegment segment, String problem) {
    return new WriteBehindLogException(
        "journal "
            + directory
            + ": "
            + segment.file
            + " "
            + problem
            + "; the journal may hold acknowledged writes there, so it was not opened and nothing"
            + " was changed. To start without this segment, move "
            + segment.file
            + " out of the directory: the writes it holds are then lost, and writes it marked as"
            + " flushed or revoked may be replayed");
  }

  static void readFully(FileChannel channel, ByteBuffer bytes, long at) throws IOException {
    long position = at;
    while (bytes.hasRemaining()) {
      int read = channel.read(bytes, position);
      if (read < 0) {
        throw new java.io.EOFException("end of file at offset " + position);
      }
      position += read;
    }
  }

  /**
   * Reads a segment file through a buffer that moves along with the scan: records are found and
   * checked where they are, with one read per megabyte rather than one per record.
   */
  private static final class Window {
    private static final int CHUNK = 1 << 20;

    private final FileChannel channel;

    /** Where the readable bytes end: nothing at or past it is a record of this segment. */
    final long limit;

    private ByteBuffer bytes = ByteBuffer.allocate(0);
    private long start;

    Window(FileChannel channel, long limit) {
      this.channel = channel;
      this.limit = limit;
    }

    /** The length of the valid record at {@code at}, or -1 when none starts there. */
    int recordAt(long at) throws IOException {
      int index = load(at, JournalFormat.FRAME_BYTES);
      if (bytes.limit() - index < JournalFormat.FRAME_BYTES
          || bytes.getInt(index) != JournalFormat.SYNC) {
        return -1;
      }
      int body = bytes.getInt(index + 4);
      if (body < 1 || body > JournalFormat.MAX_BODY || body > limit - at) {
        return -1;
      }
      index = load(at, JournalFormat.FRAME_BYTES + body);
      return JournalFormat.validRecordAt(bytes, index);
    }

    /** The bytes of the record at {@code at}, which {@link #recordAt} found valid. */
    ByteBuffer record(long at, int length) throws IOException {
      int index = load(at, length);
      ByteBuffer record = bytes.duplicate();
      record.limit(index + length).position(index);
      return record.slice();
    }

    /**
     * Makes the bytes {@code [at, at + length)}, or as many of them as there are before {@link
     * #limit}, available in {@link #bytes}; returns the index of {@code at} there.
     */
    private int load(long at, int length) throws IOException {
      long wanted = Math.min(length, limit - at);
      if (at >= start && at + wanted <= start + bytes.limit()) {
        return (int) (at - start);
      }
      int capacity = (int) Math.min(Math.max(length, CHUNK), limit - at);
      if (bytes.capacity() < capacity) {
        bytes = ByteBuffer.allocate(capacity);
      }
      bytes.clear().limit(capacity);
      readFully(channel, bytes, at);
      bytes.flip();
      start = at;
      return 0;
    }
  }

  private void closeAll() {
    for (JournalSegment segment : segments) {
      try {
        segment.channel.close();
      } catch (IOException e) {
        // Nothing was written through it.
      }
    }
  }
}
