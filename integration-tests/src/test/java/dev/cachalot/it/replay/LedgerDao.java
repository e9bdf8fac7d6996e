package dev.cachalot.it.replay;

import dev.cachalot.annotations.CacheValue;
import dev.cachalot.annotations.Key;
import dev.cachalot.annotations.WriteBehind;

/**
 * Write-behind methods of every key shape a durable log must replay from key and value alone: a key
 * read from the value, a whole primitive parameter, two parts, an array, and none. Flushed only
 * when asked, so that a test decides when the database sees them.
 */
public interface LedgerDao {

  @WriteBehind(cache = "ledger", key = "entry.id", flushMillis = 3_600_000)
  void record(Entry entry);

  @WriteBehind(cache = "ledger")
  Entry find(long id);

  @WriteBehind(cache = "ledger")
  void remove(long id);

  @WriteBehind(cache = "tenantLedger", flushMillis = 3_600_000)
  void save(@Key String tenant, @Key long id, @CacheValue Entry entry);

  @WriteBehind(cache = "tenantLedger")
  void remove(@Key String tenant, @Key long id);

  @WriteBehind(cache = "batches", flushMillis = 3_600_000)
  void store(@Key long[] ids, @CacheValue Entry entry);

  @WriteBehind(cache = "latest", flushMillis = 3_600_000)
  void publish(@CacheValue Entry entry);

  @WriteBehind(cache = "latest")
  void retract();
}
