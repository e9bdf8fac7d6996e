package dev.cachalot.it.replay;

import dev.cachalot.annotations.WriteBehind;

/** A second interface that writes the {@code ledger} cache, with a method of its own. */
public interface ArchiveDao {

  @WriteBehind(cache = "ledger", key = "entry.id", flushMillis = 3_600_000)
  void archive(Entry entry);
}
