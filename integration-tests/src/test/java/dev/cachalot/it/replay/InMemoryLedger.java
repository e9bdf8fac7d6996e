package dev.cachalot.it.replay;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The ledger's database as maps, with a switch that makes every call fail (the database is down)
 * and the list of calls in the order they came.
 */
final class InMemoryLedger implements LedgerDao, ArchiveDao, AuditedLedgerDao {
  final Map<Long, Entry> ledger = new ConcurrentHashMap<>();
  final Map<String, Entry> tenantLedger = new ConcurrentHashMap<>();
  final Map<String, Entry> batches = new ConcurrentHashMap<>();
  final Map<String, Entry> latest = new ConcurrentHashMap<>();
  final List<String> calls = new CopyOnWriteArrayList<>();
  volatile boolean down;

  private void call(String what) {
    if (down) {
      throw new IllegalStateException("the database is down (" + what + ")");
    }
    calls.add(what);
  }

  @Override
  public void record(Entry entry) {
    call("record " + entry.id());
    ledger.put(entry.id(), entry);
  }

  @Override
  public void archive(Entry entry) {
    call("archive " + entry.id());
    ledger.put(entry.id(), entry);
  }

  @Override
  public void record(Entry entry, String user) {
    call("record " + entry.id() + " by " + user);
    ledger.put(entry.id(), entry);
  }

  @Override
  public Entry find(long id) {
    call("find " + id);
    return ledger.get(id);
  }

  @Override
  public void remove(long id) {
    call("remove " + id);
    ledger.remove(id);
  }

  @Override
  public void save(String tenant, long id, Entry entry) {
    call("save " + tenant + "/" + id);
    tenantLedger.put(tenant + "/" + id, entry);
  }

  @Override
  public void remove(String tenant, long id) {
    call("remove " + tenant + "/" + id);
    tenantLedger.remove(tenant + "/" + id);
  }

  @Override
  public void store(long[] ids, Entry entry) {
    call("store " + Arrays.toString(ids));
    batches.put(Arrays.toString(ids), entry);
  }

  @Override
  public void publish(Entry entry) {
    call("publish " + entry.id());
    latest.put("latest", entry);
  }

  @Override
  public void retract() {
    call("retract");
    latest.remove("latest");
  }
}
