package dev.cachalot.bench;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * The one cache configuration of every contender that is not Cachalot: what {@code
 * Cachalot.inMemory()} gives a cache declared with {@code ttl = "10m"}. Its {@code CaffeineStore}
 * is unbounded (no maximum size) and expires each entry 10 minutes after it was written (a
 * per-entry {@code Expiry} whose read hook keeps the current duration, that is expire-after-write).
 */
final class CacheConfig {

  static final Duration TTL = Duration.ofMinutes(10);

  private CacheConfig() {}

  /** Unbounded, expire after write 10 minutes. */
  static Caffeine<Object, Object> caffeine() {
    return Caffeine.newBuilder().expireAfterWrite(TTL);
  }
}
