package dev.cachalot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.Cachalot;
import dev.cachalot.CachalotException;
import dev.cachalot.CacheSpec;
import dev.cachalot.annotations.CacheValue;
import dev.cachalot.annotations.Key;
import dev.cachalot.annotations.WriteBehind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal under the write-behind engine, through the public API: writes acknowledged while the
 * database was down are kept in the journal when the Cachalot closes without writing them, and
 * reach the database when the next Cachalot decorates the DAO; then nothing is left to replay.
 */
class JournalEngineTest {

  @TempDir Path directory;

  /** A write-behind DAO of event rows; public, for the decorator built at run time. */
  public interface EventDao {
    @WriteBehind(cache = "events", flushMillis = 10)
    void record(@Key String id, @CacheValue String text);
  }

  /** The database: its rows, and whether it is down. */
  static final class Rows implements EventDao {
    final Map<String, String> rows = new ConcurrentHashMap<>();
    volatile boolean down;

    @Override
    public void record(String id, String text) {
      if (down) {
        throw new IllegalStateException("database down");
      }
      rows.put(id, text);
    }
  }

  /** Keys and values are strings; a remembered absence is the one byte 0. */
  private static final EntryCodec STRINGS =
      new EntryCodec() {
        @Override
        public byte[] encodeValue(CacheSpec cache, Object value) {
          if (value == StoreCache.ABSENT) {
            return new byte[] {0};
          }
          return ("=" + value).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Object decodeValue(CacheSpec cache, byte[] bytes) {
          if (bytes.length == 1 && bytes[0] == 0) {
            return StoreCache.ABSENT;
          }
          return new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
        }

        @Override
        public String encodeKey(CacheSpec cache, Object key) {
          return (String) key;
        }

        @Override
        public Object decodeKey(CacheSpec cache, String encoded) {
          return encoded;
        }
      };

  private Cachalot cachalot() {
    return Cachalot.builder()
        .writeBehindLog(LocalJournal.at(directory).open())
        .codec(STRINGS)
        .closeTimeout(Duration.ofMillis(100))
        .shutdownHook(false)
        .build();
  }

  @Test
  void writesAcknowledgedWhileTheDatabaseWasDownReachItAfterARestart() {
    Rows database = new Rows();
    database.down = true;
    Cachalot first = cachalot();
    EventDao dao = first.decorate(EventDao.class, database);
    dao.record("a", "a1");
    dao.record("a", "a2");
    dao.record("b", "b1");
    try {
      first.close();
    } catch (CachalotException e) {
      // It says what it could not write; the journal keeps it.
    }
    assertThat(database.rows).isEmpty();

    database.down = false;
    try (Cachalot second = cachalot()) {
      second.decorate(EventDao.class, database);
      second.cache("events").flush();
      assertThat(database.rows).containsOnly(Map.entry("a", "a2"), Map.entry("b", "b1"));
    }
    assertThat(JournalTesting.recovered(directory, "events")).isEmpty();
  }

  @Test
  void aBuildThatFailsReleasesTheJournalItOpened() {
    // No codec on this class path (cachalot-redis is not a dependency of the runtime's tests).
    assertThatThrownBy(() -> Cachalot.builder().journal(directory).build())
        .isInstanceOf(CachalotException.class)
        .hasMessageContaining("needs an EntryCodec")
        .hasMessageContaining("dev.cachalot:cachalot-redis");

    try (Cachalot fixed = Cachalot.builder().journal(directory).codec(STRINGS).build()) {
      assertThat(fixed.toString()).startsWith("Cachalot");
    }
  }
}
