package dev.cachalot.store;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One segment file of the journal: its channel, where its valid bytes end, and how many of the
 * entries the journal still needs it holds.
 *
 * <p>Not thread-safe: the journal changes {@link #size}, {@link #live} and {@link #liveBytes} only
 * while it holds its append lock, and {@link #syncedSize} only while it holds its sync lock.
 */
final class JournalSegment {

  private static final Pattern NAME = Pattern.compile("segment-(\\d{20})\\.log");

  final long id;
  final Path file;
  final FileChannel channel;

  /** The end of the valid records: where the next one goes. */
  long size;

  /** How much of the file an fsync covered. */
  long syncedSize;

  /** How many live entries have their record here. */
  int live;

  /** The bytes of those records. */
  long liveBytes;

  JournalSegment(long id, Path file, FileChannel channel, long size) {
    this.id = id;
    this.file = file;
    this.channel = channel;
    this.size = size;
    this.syncedSize = size;
  }

  /** The file name of segment {@code id}: {@code segment-00000000000000000042.log}. */
  static String fileName(long id) {
    return String.format("segment-%020d.log", id);
  }

  /** The id of the segment named {@code name}, or -1 when it is not the name of a segment. */
  static long idOf(String name) {
    Matcher matcher = NAME.matcher(name);
    if (!matcher.matches()) {
      return -1;
    }
    try {
      return Long.parseLong(matcher.group(1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
