package dev.cachalot.store;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The bytes of the local journal, format version 1: segment headers and records, their checksums,
 * and the decoding of record bodies. The layout is specified in {@link LocalJournal}'s design note.
 * All numbers are big-endian. Stateless and thread-safe.
 */
final class JournalFormat {

  /** The format version this code writes, and the newest it reads. */
  static final int VERSION = 1;

  /** The first four bytes of every segment: {@code "CJNL"}. */
  static final int MAGIC = 0x434A4E4C;

  /** magic, version, segment id, previous segment's end, next sequence number, header CRC. */
  static final int HEADER_BYTES = 4 + 4 + 8 + 8 + 8 + 4;

  /** The sync marker that starts every record, so that a scan can tell a record from garbage. */
  static final int SYNC = 0xCA5CAD07;

  /** sync marker, body length, CRC32C of the length and the body. */
  static final int FRAME_BYTES = 4 + 4 + 4;

  /** The largest body a record may have (so that a segment file stays below 2 GiB). */
  static final int MAX_BODY = 1 << 28;

  /** An acknowledged write or delete: sequence number, cache, method, key, value (-1: delete). */
  static final byte ENTRY = 1;

  /**
   * The listed entries are in the database; they and older entries of their keys are not needed.
   */
  static final byte WRITTEN = 2;

  /** The listed entries have newer ones of their keys; they and older ones are not needed. */
  static final byte SUPERSEDED = 3;

  /** The listed entries failed after they were appended: never replay them. */
  static final byte REVOKED = 4;

  private JournalFormat() {}

  // ---------------------------------------------------------------- headers

  /** The header of segment {@code id}, ready to write. */
  static ByteBuffer header(long id, long previousEnd, long nextSequence) {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.putInt(MAGIC).putInt(VERSION).putLong(id).putLong(previousEnd).putLong(nextSequence);
    header.putInt(crc(header.array(), 0, HEADER_BYTES - 4));
    return header.flip();
  }

  /** A header as read; {@code problem} is null when it is valid, else what is wrong with it. */
  record Header(int version, long id, long previousEnd, long nextSequence, String problem) {}

  /**
   * Reads the header in {@code bytes} (as many bytes as the file has, up to {@link #HEADER_BYTES}).
   * A header of a newer version is returned with its version and no other field: its layout may
   * differ.
   */
  static Header readHeader(ByteBuffer bytes) {
    if (bytes.remaining() < 8) {
      return new Header(0, 0, 0, 0, "it is too short to hold a segment header");
    }
    int magic = bytes.getInt(0);
    int version = bytes.getInt(4);
    if (magic != MAGIC) {
      return new Header(
          version,
          0,
          0,
          0,
          String.format("it does not start like a journal segment (0x%08x)", magic));
    }
    if (version > VERSION) {
      return new Header(version, 0, 0, 0, null);
    }
    if (bytes.remaining() < HEADER_BYTES) {
      return new Header(version, 0, 0, 0, "its segment header is incomplete");
    }
    if (version < 1 || crc(bytes, 0, HEADER_BYTES - 4) != bytes.getInt(HEADER_BYTES - 4)) {
      return new Header(version, 0, 0, 0, "its segment header fails its checksum");
    }
    return new Header(version, bytes.getLong(8), bytes.getLong(16), bytes.getLong(24), null);
  }

  // ---------------------------------------------------------------- records

  /**
   * The record of an entry, ready to write.
   *
   * @throws IllegalArgumentException when the entry is larger than a record can be
   */
  static ByteBuffer entry(long seq, String cache, String method, String key, byte[] value) {
    byte[] cacheBytes = cache.getBytes(StandardCharsets.UTF_8);
    byte[] methodBytes = method.getBytes(StandardCharsets.UTF_8);
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    long body =
        1L
            + 8
            + 4
            + cacheBytes.length
            + 4
            + methodBytes.length
            + 4
            + keyBytes.length
            + 4
            + (value == null ? 0 : value.length);
    if (body > MAX_BODY) {
      throw new IllegalArgumentException(
          "the entry takes "
              + body
              + " bytes, more than a journal record holds ("
              + MAX_BODY
              + ")");
    }
    ByteBuffer record = frame((int) body);
    record.put(ENTRY).putLong(seq);
    putBytes(record, cacheBytes);
    putBytes(record, methodBytes);
    putBytes(record, keyBytes);
    if (value == null) {
      record.putInt(-1);
    } else {
      putBytes(record, value);
    }
    return seal(record);
  }

  /** The record of a marker ({@link #WRITTEN}, {@link #SUPERSEDED}, {@link #REVOKED}). */
  static ByteBuffer marker(byte type, List<JournalSlot> slots) {
    ByteBuffer record = frame(1 + 4 + 8 * slots.size());
    record.put(type).putInt(slots.size());
    for (JournalSlot slot : slots) {
      record.putLong(slot.seq);
    }
    return seal(record);
  }

  private static ByteBuffer frame(int body) {
    ByteBuffer record = ByteBuffer.allocate(FRAME_BYTES + body);
    return record.putInt(SYNC).putInt(body).putInt(0);
  }

  private static void putBytes(ByteBuffer record, byte[] bytes) {
    record.putInt(bytes.length).put(bytes);
  }

  private static ByteBuffer seal(ByteBuffer record) {
    record.putInt(8, checksum(record, 0, record.position()));
    return record.flip();
  }

  /**
   * The length of the valid record at {@code at} in {@code bytes}, which hold the file from offset
   * {@code bytes.position() == 0} up to {@code bytes.limit()}; -1 when no valid record starts there
   * (a wrong sync marker, an impossible length, a record that runs past the limit, a failed
   * checksum).
   */
  static int validRecordAt(ByteBuffer bytes, int at) {
    if (bytes.limit() - at < FRAME_BYTES || bytes.getInt(at) != SYNC) {
      return -1;
    }
    int body = bytes.getInt(at + 4);
    if (body < 1 || body > MAX_BODY || body > bytes.limit() - at - FRAME_BYTES) {
      return -1;
    }
    return checksum(bytes, at, FRAME_BYTES + body) == bytes.getInt(at + 8)
        ? FRAME_BYTES + body
        : -1;
  }

  /** The CRC32C of a record's length field and body, the record starting at {@code at}. */
  private static int checksum(ByteBuffer bytes, int at, int length) {
    CRC32C crc = new CRC32C();
    ByteBuffer view = bytes.duplicate();
    view.limit(at + 8).position(at + 4);
    crc.update(view);
    view.limit(at + length).position(at + FRAME_BYTES);
    crc.update(view);
    return (int) crc.getValue();
  }

  private static int crc(byte[] bytes, int from, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, from, length);
    return (int) crc.getValue();
  }

  private static int crc(ByteBuffer bytes, int from, int length) {
    CRC32C crc = new CRC32C();
    ByteBuffer view = bytes.duplicate();
    view.limit(from + length).position(from);
    crc.update(view);
    return (int) crc.getValue();
  }

  // ---------------------------------------------------------------- bodies

  /** A record body that passed its checksum but cannot be read: not one this code wrote. */
  static final class MalformedRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedRecordException(String message) {
      super(message);
    }
  }

  /** The body of the valid record at {@code at}, positioned at its type byte. */
  static ByteBuffer body(ByteBuffer bytes, int at, int length) {
    ByteBuffer body = bytes.duplicate();
    body.limit(at + length).position(at + FRAME_BYTES);
    return body.slice();
  }

  /** An entry record's fields, as the scan needs them (the method and value stay on disk). */
  record EntryHead(long seq, String cache, String key) {}

  /** An entry record's method and value, what the index does not hold. Immutable. */
  static final class EntryBody {
    final String method;

    /** The value, null for a delete. */
    final byte[] value;

    EntryBody(String method, byte[] value) {
      this.method = method;
      this.value = value;
    }
  }

  /** Reads the sequence number, cache and key of an entry body (its type byte already read). */
  static EntryHead entryHead(ByteBuffer body) throws MalformedRecordException {
    try {
      long seq = body.getLong();
      String cache = string(body);
      skip(body);
      return new EntryHead(seq, cache, string(body));
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new MalformedRecordException("an entry record whose fields overrun it");
    }
  }

  /** Reads a whole entry body (its type byte already read). */
  static EntryBody entryBody(ByteBuffer body) throws MalformedRecordException {
    try {
      body.getLong(); // the sequence number
      skip(body); // the cache
      String method = string(body);
      skip(body); // the key
      int length = body.getInt();
      byte[] value = null;
      if (length >= 0) {
        value = new byte[length];
        body.get(value);
      } else if (length != -1) {
        throw new IllegalArgumentException("negative length");
      }
      if (body.hasRemaining()) {
        throw new IllegalArgumentException("trailing bytes");
      }
      return new EntryBody(method, value);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new MalformedRecordException("an entry record whose fields do not fit it");
    }
  }

  /** Reads the sequence numbers of a marker body (its type byte already read). */
  static long[] markedSeqs(ByteBuffer body) throws MalformedRecordException {
    if (body.remaining() < 4) {
      throw new MalformedRecordException("a marker record without its count");
    }
    int count = body.getInt();
    if (count < 0 || (long) count * 8 != body.remaining()) {
      throw new MalformedRecordException("a marker record whose count does not fit it");
    }
    long[] seqs = new long[count];
    for (int i = 0; i < count; i++) {
      seqs[i] = body.getLong();
    }
    return seqs;
  }

  private static String string(ByteBuffer body) {
    int length = body.getInt();
    if (length < 0 || length > body.remaining()) {
      throw new IllegalArgumentException("bad string length");
    }
    byte[] bytes = new byte[length];
    body.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void skip(ByteBuffer body) {
    int length = body.getInt();
    if (length < 0 || length > body.remaining()) {
      throw new IllegalArgumentException("bad string length");
    }
    body.position(body.position() + length);
  }
}
