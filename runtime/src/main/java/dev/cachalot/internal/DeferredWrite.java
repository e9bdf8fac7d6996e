package dev.cachalot.internal;

/** A call to the user's DAO that a write-behind flusher runs later. */
@FunctionalInterface
public interface DeferredWrite {

  /** Runs the DAO call; what it throws is a failed attempt, retried with backoff. */
  void run() throws Exception;
}
