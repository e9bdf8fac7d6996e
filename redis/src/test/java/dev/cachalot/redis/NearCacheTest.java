package dev.cachalot.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.store.StoreCache;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The near cache's guard against the crossing race: a fill whose Redis read started before an
 * invalidation (or a clear) arrived does not land, whichever order the two take afterwards.
 */
class NearCacheTest {

  private final NearCache<Long> near = new NearCache<>(100, Duration.ofMinutes(1));

  @Test
  void aFillWhoseReadStartedBeforeAnInvalidationDoesNotLand() {
    long version = near.version(1L); // the reader, before it sends its GET
    near.invalidate(1L); // the invalidation arrives before the GET's reply
    near.fill(1L, "old", version, Duration.ofSeconds(30)); // the reply, with the old value

    assertThat(near.get(1L)).isNull();
  }

  @Test
  void aFillWhoseReadStartedBeforeAClearDoesNotLand() {
    long version = near.version(1L);
    near.clear(); // a reconnect, a new generation
    near.fill(1L, "old", version, Duration.ofSeconds(30));

    assertThat(near.get(1L)).isNull();
  }

  @Test
  void aFillThatLandedBeforeTheInvalidationIsRemovedByIt() {
    near.fill(1L, "old", near.version(1L), Duration.ofSeconds(30));
    assertThat(near.get(1L)).isEqualTo("old");

    near.invalidate(1L);

    assertThat(near.get(1L)).isNull();
    near.fill(1L, "new", near.version(1L), Duration.ofSeconds(30));
    assertThat(near.get(1L)).isEqualTo("new");
  }

  @Test
  void aRememberedAbsenceLivesItsOwnShorterLife() {
    near.fill(1L, StoreCache.ABSENT, near.version(1L), Duration.ofMinutes(1));
    near.fill(2L, StoreCache.ABSENT, near.version(2L), Duration.ZERO);

    assertThat(near.get(1L)).isSameAs(StoreCache.ABSENT);
    assertThat(near.get(2L)).as("expired at once").isNull();
  }
}
