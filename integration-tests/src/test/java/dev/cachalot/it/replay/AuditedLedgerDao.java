package dev.cachalot.it.replay;

import dev.cachalot.annotations.CacheValue;
import dev.cachalot.annotations.WriteBehind;

/** A write-behind write with a parameter that is neither its key nor its value. */
public interface AuditedLedgerDao {

  @WriteBehind(cache = "audited", key = "entry.id", flushMillis = 3_600_000)
  void record(@CacheValue Entry entry, String user);
}
