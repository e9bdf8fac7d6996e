package dev.cachalot.it.exit;

import dev.cachalot.annotations.WriteBehind;

/** Audit records written behind, flushed only by close(), by the exit hook, or an hour later. */
public interface AuditDao {

  /** One audit record. */
  record Audit(long id, String text) {}

  @WriteBehind(
      cache = "audits",
      key = "audit.id",
      flushMillis = 3_600_000,
      batchMethod = "insertAll")
  void record(Audit audit);

  void insertAll(java.util.List<Audit> audits);
}
