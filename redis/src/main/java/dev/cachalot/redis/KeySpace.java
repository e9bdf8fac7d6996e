package dev.cachalot.redis;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/*
 * Design note: the key layout of one cache in Redis.
 *
 *   <ns>:<cache>:gen                 the cache's generation (INCR by clear); absent means 0
 *   <ns>:<cache>:<gen>:<key>         the entry of <key> in generation <gen>
 *   <ns>:<cache>:<gen>:l:<key>       the fill lease of <key> (a token, PX the lease time)
 *   <ns>:<cache>:w:<key>             the write-through writers of <key> in flight (a sorted set
 *                                    of tokens scored by their deadlines; PX the writer timeout)
 *   <ns>:<cache>:d:<key>             the doubt flag of <key>: writers of it overlapped
 *   channel <ns>:invalidations       what changed, for the near caches and the generations
 *
 * <key> is the codec's JSON of the key; JSON never starts with "l", "w", "d" or "g", and a
 * generation is all digits, so no two kinds of key can collide. The cache name is percent-encoded
 * down to [A-Za-z0-9_.-], so it never contains ':' or a SCAN glob character, and the namespace is
 * restricted to those characters: "<ns>:<cache>:" is a prefix that no other cache's keys have.
 *
 * Writers and doubt flags live outside the generations on purpose: a write that began before a
 * clear and completes after it must still see the writers that overlapped it.
 *
 * This layout is for one Redis server (or a primary with replicas). A cluster would need every key
 * of one entry, and the generation, in one hash slot; the scripts build key names from the
 * generation they read, which a cluster does not allow.
 */

/** The names of one cache's keys in Redis; immutable and thread-safe. */
final class KeySpace {

  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final String escapedCache;
  private final String prefix;
  private final byte[] prefixBytes;
  private final byte[] generationKey;

  KeySpace(String namespace, String cache) {
    this.escapedCache = escape(cache);
    this.prefix = namespace + ":" + escapedCache + ":";
    this.prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
    this.generationKey = (prefix + "gen").getBytes(StandardCharsets.UTF_8);
  }

  /** Checks a namespace; returns it. */
  static String checkNamespace(String namespace) {
    if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "a Redis namespace is 1 to 64 of the characters A-Z a-z 0-9 _ . - (it starts every key"
              + " and must not contain ':'), not '"
              + namespace
              + "'");
    }
    return namespace;
  }

  /** The name of the invalidation channel of {@code namespace}. */
  static String channel(String namespace) {
    return namespace + ":invalidations";
  }

  /** The cache's name as keys and messages carry it (percent-encoded). */
  String escapedCache() {
    return escapedCache;
  }

  /** {@code <ns>:<cache>:}, which every key of the cache starts with. */
  byte[] prefixBytes() {
    return prefixBytes;
  }

  /** {@code <ns>:<cache>:gen}. */
  byte[] generationKey() {
    return generationKey;
  }

  /** {@code <ns>:<cache>:<generation>:}, the start of the entry keys of a generation. */
  byte[] entryPrefix(long generation) {
    return (prefix + generation + ":").getBytes(StandardCharsets.UTF_8);
  }

  /** The entry key of {@code encodedKey} under {@code entryPrefix}. */
  static byte[] entryKey(byte[] entryPrefix, byte[] encodedKey) {
    byte[] key = new byte[entryPrefix.length + encodedKey.length];
    System.arraycopy(entryPrefix, 0, key, 0, entryPrefix.length);
    System.arraycopy(encodedKey, 0, key, entryPrefix.length, encodedKey.length);
    return key;
  }

  /**
   * The generation of {@code key} if it is an entry or lease key of this cache ({@code
   * <prefix><digits>:...}), else -1 (the generation key, writers, doubt flags).
   */
  long generationOf(byte[] key) {
    if (key.length <= prefixBytes.length) {
      return -1;
    }
    for (int i = 0; i < prefixBytes.length; i++) {
      if (key[i] != prefixBytes[i]) {
        return -1;
      }
    }
    long generation = 0;
    int i = prefixBytes.length;
    int start = i;
    while (i < key.length && key[i] >= '0' && key[i] <= '9' && i - start < 18) {
      generation = generation * 10 + (key[i] - '0');
      i++;
    }
    return i > start && i < key.length && key[i] == ':' ? generation : -1;
  }

  /** The SCAN pattern of every key of the cache. */
  String scanPattern() {
    return prefix + "*";
  }

  /** The cache name with every character outside [A-Za-z0-9_.-] percent-encoded (UTF-8). */
  static String escape(String cache) {
    StringBuilder escaped = new StringBuilder(cache.length());
    for (byte b : cache.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '.'
          || c == '-') {
        escaped.append(c);
      } else {
        escaped.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)));
        escaped.append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return escaped.toString();
  }

  @Override
  public String toString() {
    return prefix + "*";
  }
}
