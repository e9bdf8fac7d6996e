package dev.cachalot.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live entries of the journal, per cache and key, oldest first: those that were appended and
 * are neither written, superseded nor revoked. The scan at open and the running journal change it
 * through the same methods, so that what a restart recovers is what the running journal held.
 *
 * <p>Not thread-safe: the journal uses it only while it holds its append lock.
 */
final class JournalIndex {

  private static final Comparator<JournalSlot> BY_SEQ = Comparator.comparingLong(slot -> slot.seq);

  /** cache, then key, then the live slots of the key in sequence order. */
  private final Map<String, Map<String, List<JournalSlot>>> live = new HashMap<>();

  private int size;
  private long liveBytes;

  /** Adds a live entry; a copied-forward one may be older than entries of its key already here. */
  void add(JournalSlot slot) {
    List<JournalSlot> slots =
        live.computeIfAbsent(slot.cache, cache -> new HashMap<>())
            .computeIfAbsent(slot.key, key -> new ArrayList<>(2));
    int at = slots.size();
    while (at > 0 && slots.get(at - 1).seq > slot.seq) {
      at--;
    }
    slots.add(at, slot);
    slot.segment.live++;
    slot.segment.liveBytes += slot.length;
    size++;
    liveBytes += slot.length;
  }

  /**
   * {@code slot} and the live entries of its key older than it, oldest first: what a write or a
   * supersession of {@code slot} makes unnecessary (an older entry of a key whose newer one is in
   * the database, or has a newer one itself, is never replayed). Empty when {@code slot} is dead.
   */
  List<JournalSlot> withOlder(JournalSlot slot) {
    if (slot.dead) {
      return List.of();
    }
    List<JournalSlot> slots = live.get(slot.cache).get(slot.key);
    return new ArrayList<>(slots.subList(0, slots.indexOf(slot) + 1));
  }

  /** Marks {@code slot} dead and forgets it. */
  void kill(JournalSlot slot) {
    if (slot.dead) {
      return;
    }
    Map<String, List<JournalSlot>> keys = live.get(slot.cache);
    List<JournalSlot> slots = keys.get(slot.key);
    slots.remove(slot);
    if (slots.isEmpty()) {
      keys.remove(slot.key);
    }
    slot.dead = true;
    slot.segment.live--;
    slot.segment.liveBytes -= slot.length;
    size--;
    liveBytes -= slot.length;
  }

  /** {@code slot}'s record now lives at {@code offset} of {@code segment} (a copy of it). */
  void move(JournalSlot slot, JournalSegment segment, long offset) {
    slot.segment.live--;
    slot.segment.liveBytes -= slot.length;
    slot.segment = segment;
    slot.offset = offset;
    segment.live++;
    segment.liveBytes += slot.length;
  }

  /** The newest live entry of each key of {@code cache}, in sequence order: what it recovers. */
  List<JournalSlot> newestOf(String cache) {
    List<JournalSlot> newest = new ArrayList<>();
    for (List<JournalSlot> slots : live.getOrDefault(cache, Map.of()).values()) {
      newest.add(slots.get(slots.size() - 1));
    }
    newest.sort(BY_SEQ);
    return newest;
  }

  /** The live entries whose record is in {@code segment}, in sequence order. */
  List<JournalSlot> liveIn(JournalSegment segment) {
    List<JournalSlot> found = new ArrayList<>();
    for (Map<String, List<JournalSlot>> keys : live.values()) {
      for (List<JournalSlot> slots : keys.values()) {
        for (JournalSlot slot : slots) {
          if (slot.segment == segment) {
            found.add(slot);
          }
        }
      }
    }
    found.sort(BY_SEQ);
    return found;
  }

  /** How many keys each cache has something to recover for, by cache name. */
  Map<String, Integer> keysPerCache() {
    Map<String, Integer> keys = new TreeMap<>();
    live.forEach(
        (cache, slots) -> {
          if (!slots.isEmpty()) {
            keys.put(cache, slots.size());
          }
        });
    return keys;
  }

  /** How many live entries there are. */
  int size() {
    return size;
  }

  /** The bytes of the records of the live entries. */
  long liveBytes() {
    return liveBytes;
  }
}
