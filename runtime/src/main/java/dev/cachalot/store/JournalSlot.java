package dev.cachalot.store;

/**
 * One entry of the journal as its index knows it: its sequence number, cache and key, where its
 * record is, and whether it is still needed. The value and method stay on disk (and in the {@link
 * JournalEntry} the engine holds), so the index costs a few dozen bytes an entry.
 *
 * <p>Not thread-safe: the journal reads and changes slots only while it holds its append lock.
 */
final class JournalSlot {
  final long seq;
  final String cache;
  final String key;

  /** The segment that holds the record; changes when the record is copied forward. */
  JournalSegment segment;

  /** Where the record starts in {@link #segment}. */
  long offset;

  /** The length of the record, frame included. */
  final int length;

  /** Written, superseded or revoked: never replayed, and its record is not needed any more. */
  boolean dead;

  JournalSlot(long seq, String cache, String key, JournalSegment segment, long offset, int length) {
    this.seq = seq;
    this.cache = cache;
    this.key = key;
    this.segment = segment;
    this.offset = offset;
    this.length = length;
  }

  @Override
  public String toString() {
    return "entry #" + seq + " of cache '" + cache + "', key " + key;
  }
}
