package dev.cachalot.examples.simulator;

import java.util.Objects;

/**
 * What the store and the DAO did last on this thread, for the engine event that follows it: the
 * engines emit a HIT right after their store GET, a LOAD right after the DAO's SELECT, a FILL right
 * after the store's SET, each on the thread that did it. The operation log attaches the note to the
 * event, so a step reads "HIT · GET 1.0 ms" or "LOAD · SELECT user_1 → Alice v1".
 */
final class StepNotes {

  /** One store operation or database statement, of one cache and key, and how long it took. */
  record Note(String cache, Object key, String text, long nanos) {}

  private static final ThreadLocal<Note> LAST = new ThreadLocal<>();

  private StepNotes() {}

  /** Notes what the store or the DAO did just now on this thread. */
  static void note(String cache, Object key, String text, long nanos) {
    LAST.set(new Note(cache, key, text, nanos));
  }

  /** The note of {@code cache} and {@code key} left on this thread, taken; or null. */
  static Note take(String cache, Object key) {
    Note note = LAST.get();
    if (note == null || !note.cache().equals(cache) || !Objects.equals(note.key(), key)) {
      return null;
    }
    LAST.remove();
    return note;
  }
}
