package dev.cachalot.store;

/**
 * An entry of a {@link LocalJournal}, as {@code append} and {@code recovered} hand it to the
 * engine: the method and value it was appended with, and the journal's slot for it. Immutable to
 * the engine (the value array is not copied: the engine must not change it); thread-safe.
 */
final class JournalEntry implements WriteBehindLog.Entry {
  final LocalJournal journal;
  final JournalSlot slot;
  private final String method;
  private final byte[] value;

  JournalEntry(LocalJournal journal, JournalSlot slot, String method, byte[] value) {
    this.journal = journal;
    this.slot = slot;
    this.method = method;
    this.value = value;
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String key() {
    return slot.key;
  }

  /** The engine's own encoded bytes, handed back as they are (not a copy). */
  @Override
  public byte[] value() {
    return value;
  }

  /**
   * Compares append sequence numbers: the journal numbers its entries in the order they came; false
   * for an equal entry.
   */
  @Override
  public boolean isAfter(WriteBehindLog.Entry other) {
    if (!(other instanceof JournalEntry that) || that.journal != journal) {
      throw new IllegalArgumentException(other + " is not an entry of " + journal);
    }
    return slot.seq > that.slot.seq;
  }

  /** Equal when they are the same entry of the same journal: its sequence number. */
  @Override
  public boolean equals(Object other) {
    return other instanceof JournalEntry that
        && that.journal == journal
        && that.slot.seq == slot.seq;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(slot.seq);
  }

  @Override
  public String toString() {
    return slot + (value == null ? " (delete)" : " (" + value.length + " bytes)");
  }
}
