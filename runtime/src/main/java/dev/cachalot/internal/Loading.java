package dev.cachalot.internal;

/**
 * The load of one key in flight, started by {@link CacheEngine#startLoad}. Its leader calls the
 * database and then exactly one of {@link #fill} or {@link #failed}; any other caller calls {@link
 * #join}. Thread-confined to the caller that started it.
 *
 * @param <V> the value type
 */
public interface Loading<V> {

  /** Whether this caller must load the value from the database. */
  boolean isLeader();

  /**
   * The leader's result: caches {@code loaded} (an absence, {@code null}, only with a negativeTtl)
   * unless the key was written or invalidated while it loaded (the stale-fill protection), hands it
   * to the callers that joined, and returns it.
   */
  V fill(V loaded);

  /**
   * The value for a caller that is not the leader: waits for the leader's load, or returns the
   * value found when the load started.
   *
   * @throws dev.cachalot.CacheLoadException when the leader's load failed; its cause is what the
   *     database call threw
   */
  V join();

  /**
   * Reports that the load failed with {@code error} (the leader's database call, or {@link #fill}
   * itself, threw): the key is released, and the callers that joined get a {@code
   * CacheLoadException}. Does nothing for a caller that is not the leader.
   */
  void failed(Throwable error);
}
