package dev.cachalot;

import java.util.List;

/** How messages and logs list keys: the first few, and how many more. */
final class KeyLists {

  private static final int SHOWN = 10;

  private KeyLists() {}

  /** {@code [k1, k2, ...]}, the first few of {@code keys}, with how many more there are. */
  static String describe(List<?> keys, long count) {
    int shown = (int) Math.min(Math.min(keys.size(), count), SHOWN);
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < shown; i++) {
      text.append(i == 0 ? "" : ", ").append(keys.get(i));
    }
    if (count > shown) {
      text.append(shown == 0 ? "" : ", ").append("... ").append(count - shown).append(" more");
    }
    return text.append(']').toString();
  }
}
