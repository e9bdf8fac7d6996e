package dev.cachalot.rules.plan;

/** What a write returns, which decides what a write-through write caches. */
public enum WriteResult {
  /** Returns void: the value parameter is cached. */
  VOID,
  /** Returns the value type: the returned value is cached. */
  VALUE,
  /**
   * Returns something else (a count, a flag): the value parameter is cached, the result passed on.
   */
  OTHER
}
