package dev.cachalot.rules.element;

/**
 * Where a diagnostic points: an element, and where known the annotation and the annotation value on
 * it. Opaque to the rules; each adapter knows how to show it (javac attaches the diagnostic to the
 * element, the runtime names it in the exception's message).
 */
public interface Site {

  /** The site as a run-time message names it, such as {@code ProductDao.find(long) @CacheAside}. */
  String describe();
}
