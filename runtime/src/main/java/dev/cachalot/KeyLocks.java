package dev.cachalot;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped per-key locks: a fixed array of locks, a key takes the lock its hash selects. Two keys
 * may share a lock (which only serializes them needlessly); one key always gets the same lock. Used
 * to keep the writes of one key in order; thread-safe.
 */
final class KeyLocks {

  private static final int STRIPES = 256;

  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  KeyLocks() {
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  ReentrantLock of(Object key) {
    int hash = key.hashCode();
    hash ^= hash >>> 16;
    return locks[hash & (STRIPES - 1)];
  }
}
