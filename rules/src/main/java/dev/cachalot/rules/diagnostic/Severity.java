package dev.cachalot.rules.diagnostic;

/** Whether a diagnostic stops the decorator from being built. */
public enum Severity {
  /** The decorator is not built: a javac error, or an exception from {@code decorate}. */
  ERROR,
  /**
   * The decorator is built, but probably does not do what was meant: a javac warning, a log line.
   */
  WARNING
}
