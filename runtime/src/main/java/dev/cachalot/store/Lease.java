package dev.cachalot.store;

/**
 * What a store answers a load that asks to fill a key ({@link StoreCache#lease}): the lease that
 * lets it fill, the value another node filled meanwhile, or a refusal. A store shared by several
 * processes (Redis) hands out one lease per key at a time and drops it when the key changes, so
 * that a load which read the database before a change cannot fill the old row afterwards (the
 * memcache lease). An in-process store needs none: the engine's own lease covers one process.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface Lease permits Lease.Granted, Lease.Filled, Lease.Denied {

  /** The lease of a store that needs none: fills always land (unless the engine rejects them). */
  Granted LOCAL = new Granted(null);

  /** Fill with {@link StoreCache#fill}, passing this lease. */
  static Granted granted(Object token) {
    return new Granted(token);
  }

  /** Another holder of the lease filled the key while this load waited: use its entry. */
  static Filled filled(Object entry) {
    return new Filled(entry);
  }

  /** Another holder of the lease did not fill in time: load, but do not fill. */
  static Denied denied() {
    return Denied.INSTANCE;
  }

  /**
   * The right to fill a key.
   *
   * @param token what the store needs to check the lease still holds when the fill comes, or null
   */
  record Granted(Object token) implements Lease {}

  /**
   * The entry another holder filled.
   *
   * @param entry a value of the cache's value type, or {@link StoreCache#ABSENT}
   */
  record Filled(Object entry) implements Lease {}

  /** No lease, and no value: the load reads the database and does not fill. */
  final class Denied implements Lease {
    private static final Denied INSTANCE = new Denied();

    private Denied() {}

    @Override
    public String toString() {
      return "Lease.Denied";
    }
  }
}
