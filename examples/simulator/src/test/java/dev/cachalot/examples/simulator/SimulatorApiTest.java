package dev.cachalot.examples.simulator;

import static dev.cachalot.examples.simulator.SimulatorClient.cached;
import static dev.cachalot.examples.simulator.SimulatorClient.lane;
import static dev.cachalot.examples.simulator.SimulatorClient.loggedKinds;
import static dev.cachalot.examples.simulator.SimulatorClient.row;
import static dev.cachalot.examples.simulator.SimulatorClient.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cachalot.examples.simulator.SimulatorClient.Answer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint and button of the simulator over HTTP, each checked by what the engines did: the
 * rows in the database, the entries in the store, the write-behind buffer and the events in the
 * log. The tests share one application, so each uses keys of its own (rows it inserts directly) and
 * puts back what it switched. No simulated latency here (see {@link SimulatorLatencyTest}), and
 * short retry and backpressure timeouts.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "simulator.latency.enabled=false",
      "cachalot.retry-backoff.initial=50ms",
      "cachalot.retry-backoff.max=100ms",
      "cachalot.write-behind-full-timeout=200ms"
    })
class SimulatorApiTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @LocalServerPort int port;
  @Autowired Database database;
  @Autowired Simulator simulator;

  private SimulatorClient api;

  @BeforeEach
  void client() {
    api = new SimulatorClient(port);
  }

  @AfterEach
  void databaseBack() {
    database.setFailing(false);
  }

  /** A row of {@code lane} that no other test uses, inserted directly (nothing is cached). */
  private String freshRow(Lane lane, String key, String name) {
    database
        .jdbc()
        .sql("INSERT INTO " + lane.table() + " (id, name, version) VALUES (?, ?, 1)")
        .params(key, name)
        .update();
    return key;
  }

  private static JsonNode value(Answer answer) {
    return answer.body().get("value");
  }

  /**
   * Waits until the flusher's next periodic flush is more than 2.5 s away, so that a write made now
   * stays in the buffer while the test looks at it.
   */
  private void awaitAFreshFlushInterval() {
    await()
        .atMost(WAIT)
        .until(
            () ->
                lane(api.state(), "write-behind").get("buffer").get("nextFlushInMillis").asLong()
                    > 2_500);
  }

  /** Writes {@code name} to {@code key} through {@code lane}'s decorated DAO. */
  private Answer write(Lane lane, String key, String name) {
    return api.post("/api/lanes/" + lane.id + "/keys/" + key + "/write?name=" + name);
  }

  /** The user a write answered it wrote. */
  private static User written(Answer write) {
    JsonNode value = value(write);
    return new User(
        value.get("id").asString(), value.get("name").asString(), value.get("version").asLong());
  }

  @Test
  void aReadMissesLoadsAndFillsThenTheSecondReadHits() {
    String key = freshRow(Lane.CACHE_ASIDE, "read_1", "Reader");
    long loads = lane(api.state(), "cache-aside").get("stats").get("loads").asLong();

    Answer first = api.click("cache-aside", key, "read");
    Answer second = api.click("cache-aside", key, "read");

    assertThat(first.status()).isEqualTo(200);
    assertThat(steps(first)).containsExactly("MISS", "LOAD", "FILL");
    assertThat(first.body().get("entry").get("steps").get(1).get("detail").asString())
        .isEqualTo("SELECT read_1 → read_1 = Reader v1");
    assertThat(value(first).get("name").asString()).isEqualTo("Reader");
    assertThat(steps(second)).containsExactly("HIT");
    assertThat(second.body().get("entry").get("outcome").asString())
        .isEqualTo("hit → read_1 = Reader v1");
    JsonNode state = api.state();
    assertThat(cached(state, "cache-aside", key).orElseThrow().get("value").get("name").asString())
        .isEqualTo("Reader");
    assertThat(cached(state, "cache-aside", key).get().get("ttlLeftMillis").asLong())
        .isBetween(50_000L, 60_000L);
    assertThat(lane(state, "cache-aside").get("stats").get("loads").asLong() - loads).isEqualTo(1);
  }

  @Test
  void aCacheAsideWriteGoesToTheDatabaseAndInvalidates() {
    String key = freshRow(Lane.CACHE_ASIDE, "aside_w", "Before");
    api.click("cache-aside", key, "read");

    Answer write = write(Lane.CACHE_ASIDE, key, "After");

    assertThat(write.status()).isEqualTo(200);
    assertThat(steps(write)).containsExactly("DATABASE_WRITE", "INVALIDATE");
    long version = value(write).get("version").asLong();
    assertThat(database.row(Lane.CACHE_ASIDE, key)).contains(new User(key, "After", version));
    assertThat(cached(api.state(), "cache-aside", key)).isEmpty();
    assertThat(steps(api.click("cache-aside", key, "read")))
        .containsExactly("MISS", "LOAD", "FILL");
  }

  @Test
  void aWriteThroughWriteLeavesTheCacheEqualToTheDatabase() {
    String key = freshRow(Lane.WRITE_THROUGH, "through_w", "Before");

    Answer write = write(Lane.WRITE_THROUGH, key, "Through");

    assertThat(steps(write)).containsExactly("DATABASE_WRITE", "CACHE_WRITE");
    User written = written(write);
    assertThat(database.row(Lane.WRITE_THROUGH, key)).contains(written);
    JsonNode entry = cached(api.state(), "write-through", key).orElseThrow().get("value");
    assertThat(entry.get("version").asLong()).isEqualTo(written.version());
    assertThat(steps(api.click("write-through", key, "read"))).containsExactly("HIT");
  }

  @Test
  void deletesRemoveTheRowAndTheEntryInEveryLane() {
    for (Lane lane : Lane.values()) {
      String key = freshRow(lane, "gone_" + lane.ordinal(), "Doomed");
      api.click(lane.id, key, "read");

      Answer delete = api.click(lane.id, key, "delete");

      assertThat(delete.status()).as(lane.id).isEqualTo(200);
      assertThat(cached(api.state(), lane.id, key)).as(lane.id).isEmpty();
      if (lane == Lane.WRITE_BEHIND) {
        assertThat(steps(delete)).containsExactly("INVALIDATE", "ENQUEUE");
        assertThat(database.row(lane, key)).as("not yet flushed").isPresent();
        assertThat(api.post("/api/flush").status()).isEqualTo(200);
      } else {
        assertThat(steps(delete)).containsExactly("DATABASE_WRITE", "INVALIDATE");
      }
      assertThat(database.row(lane, key)).as(lane.id).isEmpty();
    }
  }

  @Test
  void aWriteBehindWriteIsBufferedUntilFlushNowWritesIt() {
    String key = freshRow(Lane.WRITE_BEHIND, "behind_w", "Before");
    awaitAFreshFlushInterval();

    Answer write = write(Lane.WRITE_BEHIND, key, "Behind");

    assertThat(steps(write)).containsExactly("CACHE_WRITE", "ENQUEUE");
    User written = written(write);
    JsonNode buffer = lane(api.state(), "write-behind").get("buffer");
    assertThat(buffer.get("depth").asLong()).isEqualTo(1);
    assertThat(buffer.get("capacity").asInt()).isEqualTo(WriteBehindUsers.CAPACITY);
    assertThat(buffer.get("nextFlushInMillis").asLong()).isBetween(0L, 5_000L);
    assertThat(buffer.get("entries").get(0).get("key").asString()).isEqualTo(key);
    assertThat(database.row(Lane.WRITE_BEHIND, key).orElseThrow().name()).isEqualTo("Before");

    Answer flush = api.post("/api/flush");

    assertThat(flush.status()).isEqualTo(200);
    assertThat(database.row(Lane.WRITE_BEHIND, key)).contains(written);
    JsonNode state = api.state();
    assertThat(lane(state, "write-behind").get("buffer").get("depth").asLong()).isZero();
    assertThat(lane(state, "write-behind").get("buffer").get("entries")).isEmpty();
    assertThat(loggedKinds(state, "write-behind", "flusher")).contains("DATABASE_WRITE", "FLUSH");
  }

  @Test
  void theFlusherWritesTheBufferOnItsOwnWithinItsInterval() {
    String key = freshRow(Lane.WRITE_BEHIND, "tick_w", "Before");
    Answer write = write(Lane.WRITE_BEHIND, key, "Ticked");
    User written = written(write);

    await()
        .atMost(Duration.ofMillis(WriteBehindUsers.FLUSH_MILLIS * 2))
        .until(() -> database.row(Lane.WRITE_BEHIND, key).orElseThrow().equals(written));

    JsonNode flushes = api.state().get("log");
    assertThat(loggedKinds(api.state(), "write-behind", "flusher")).contains("FLUSH");
    assertThat(flushes).isNotEmpty();
  }

  @Test
  void theRaceTrapForcesAStaleFillAndCachalotRejectsIt() {
    String key = freshRow(Lane.CACHE_ASIDE, "race_1", "Old");
    long rejected =
        lane(api.state(), "cache-aside").get("stats").get("staleFillsRejected").asLong();

    Answer race = api.post("/api/traps/race?key=" + key);

    assertThat(race.status()).isEqualTo(200);
    JsonNode report = race.body();
    assertThat(report.get("staleFillRejected").asBoolean()).isTrue();
    assertThat(report.get("readerLoaded").get("name").asString()).isEqualTo("Old");
    assertThat(report.get("cacheHolds").isNull()).isTrue();
    long version = report.get("written").get("version").asLong();
    assertThat(database.row(Lane.CACHE_ASIDE, key).orElseThrow().version()).isEqualTo(version);
    JsonNode state = api.state();
    assertThat(cached(state, "cache-aside", key)).as("the old row is not cached").isEmpty();
    assertThat(lane(state, "cache-aside").get("stats").get("staleFillsRejected").asLong())
        .isEqualTo(rejected + 1);
    List<String> kinds = loggedKinds(state, "cache-aside", "you");
    assertThat(kinds).contains("STALE_FILL_REJECTED");
    // The racing read's steps: it missed, loaded the old row, and its fill was rejected.
    JsonNode read =
        SimulatorClient.stream(state.get("log"))
            .filter(entry -> entry.get("title").asString().equals("racing read " + key))
            .findFirst()
            .orElseThrow();
    assertThat(SimulatorClient.kinds(read.get("steps")))
        .containsExactly("MISS", "LOAD", "STALE_FILL_REJECTED");
    // The next read loads the new row.
    Answer next = api.click("cache-aside", key, "read");
    assertThat(steps(next)).containsExactly("MISS", "LOAD", "FILL");
    assertThat(value(next).get("version").asLong()).isEqualTo(version);
  }

  @Test
  void theRaceTrapNeedsARow() {
    assertThat(api.post("/api/traps/race?key=nobody").status()).isEqualTo(400);
  }

  @Test
  void aFailingDatabaseFailsWriteThroughWritesAndTheCallerSeesTheError() {
    String key = freshRow(Lane.WRITE_THROUGH, "down_t", "Kept");
    api.click("write-through", key, "read");
    assertThat(
            api.post("/api/traps/database?failing=true").body().get("databaseFailing").asBoolean())
        .isTrue();

    Answer write = api.click("write-through", key, "write");

    assertThat(write.status()).isEqualTo(503);
    assertThat(write.body().get("ok").asBoolean()).isFalse();
    assertThat(write.body().get("entry").get("error").asString()).contains("the database is down");
    assertThat(steps(write)).containsExactly("DATABASE_WRITE_FAILED", "INVALIDATE");
    assertThat(cached(api.state(), "write-through", key))
        .as("no value outlives a failed write")
        .isEmpty();
    assertThat(database.row(Lane.WRITE_THROUGH, key).orElseThrow().name()).isEqualTo("Kept");
    // A miss fails too; the database is back once switched on again.
    assertThat(steps(api.click("write-through", key, "read")))
        .containsExactly("MISS", "LOAD_FAILED");
    api.post("/api/traps/database?failing=false");
    assertThat(api.click("write-through", key, "read").status()).isEqualTo(200);
  }

  @Test
  void aFailingDatabaseMakesWriteBehindRetryReportStillFailingAndPushBack() {
    api.post("/api/flush");
    api.post("/api/traps/database?failing=true");
    List<String> keys = List.of("full_1", "full_2", "full_3", "full_4");
    for (String key : keys) {
      assertThat(api.click("write-behind", key, "write").status()).as(key).isEqualTo(200);
    }

    // The flusher retries with backoff and says so.
    await()
        .atMost(WAIT)
        .until(
            () ->
                loggedKinds(api.state(), "write-behind", "flusher")
                    .contains("WRITE_STILL_FAILING"));
    JsonNode buffer = lane(api.state(), "write-behind").get("buffer");
    assertThat(buffer.get("depth").asLong()).isEqualTo(4);
    assertThat(SimulatorClient.stream(buffer.get("entries")).map(e -> e.get("key").asString()))
        .containsExactlyInAnyOrderElementsOf(keys);
    assertThat(
            SimulatorClient.stream(buffer.get("entries"))
                .mapToInt(e -> e.get("attempts").asInt())
                .max()
                .orElse(0))
        .isGreaterThanOrEqualTo(3);
    assertThat(loggedKinds(api.state(), "write-behind", "flusher")).contains("FLUSH_FAILED");

    // A fifth key does not fit: the writer waits, then is refused.
    Answer refused = api.click("write-behind", "full_5", "write");
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.body().get("entry").get("error").asString())
        .contains("WriteBehindFullException");
    // A key already pending still takes a newer write.
    assertThat(api.click("write-behind", "full_1", "write").status()).isEqualTo(200);

    // The database comes back: a flush writes everything, nothing was dropped.
    api.post("/api/traps/database?failing=false");
    assertThat(api.post("/api/flush").status()).isEqualTo(200);
    for (String key : keys) {
      assertThat(database.row(Lane.WRITE_BEHIND, key)).as(key).isPresent();
    }
    assertThat(database.row(Lane.WRITE_BEHIND, "full_5")).isEmpty();
    assertThat(lane(api.state(), "write-behind").get("buffer").get("depth").asLong()).isZero();
  }

  @Test
  void aCrashLosesTheAcknowledgedWritesOfTheBufferAndStartsAFreshCachalot() {
    String key = freshRow(Lane.WRITE_BEHIND, "crash_1", "Durable");
    String cachedKey = freshRow(Lane.CACHE_ASIDE, "crash_2", "Cached");
    api.click("cache-aside", cachedKey, "read");
    api.post("/api/flush");
    Generation before = simulator.current();
    awaitAFreshFlushInterval();
    Answer write = write(Lane.WRITE_BEHIND, key, "Lost");
    long version = value(write).get("version").asLong();

    Answer crash = api.post("/api/traps/crash");

    assertThat(crash.status()).isEqualTo(200);
    JsonNode report = crash.body();
    assertThat(report.get("crashedGeneration").asInt()).isEqualTo(before.number);
    assertThat(report.get("newGeneration").asInt()).isEqualTo(before.number + 1);
    assertThat(report.get("pendingInEngine").asLong()).isEqualTo(1);
    assertThat(report.get("lost")).hasSize(1);
    assertThat(report.get("lost").get(0).get("value").get("version").asLong()).isEqualTo(version);
    assertThat(report.get("summary").asString()).contains("crash_1 = Lost v" + version);
    assertThat(report.get("durability").asString())
        .contains("Switch durability to journal")
        .contains("WRITE_RECOVERED");
    assertThat(report.get("abandoned").asString()).isEqualTo("1 write abandoned by close()");
    // The old generation is gone: its fence is closed, its Cachalot and its context too.
    assertThat(before.fence.isClosed()).isTrue();
    assertThat(before.cachalot.toString()).endsWith("(closed)");
    assertThat(before.context.isActive()).isFalse();
    // The database never got the acknowledged write; the new generation starts empty.
    assertThat(database.row(Lane.WRITE_BEHIND, key).orElseThrow().name()).isEqualTo("Durable");
    JsonNode state = api.state();
    assertThat(state.get("generation").asInt()).isEqualTo(before.number + 1);
    assertThat(lane(state, "write-behind").get("buffer").get("depth").asLong()).isZero();
    assertThat(cached(state, "cache-aside", cachedKey)).as("in-process caches die too").isEmpty();
    // The new generation works: a read loads the row the database has.
    Answer read = api.click("write-behind", key, "read");
    assertThat(steps(read)).containsExactly("MISS", "LOAD", "FILL");
    assertThat(value(read).get("name").asString()).isEqualTo("Durable");
  }

  @Test
  void withTheJournalACrashLosesNothingAndTheNewGenerationWritesWhatItRecovered() {
    String key = freshRow(Lane.WRITE_BEHIND, "journal_1", "Before");
    assertThat(api.post("/api/durability?mode=journal").body().get("durability").asString())
        .isEqualTo("journal");
    try {
      Generation before = simulator.current();
      assertThat(api.state().get("durability").asString()).isEqualTo("journal");
      awaitAFreshFlushInterval();
      Answer write = write(Lane.WRITE_BEHIND, key, "Kept");
      long version = value(write).get("version").asLong();

      JsonNode report = api.post("/api/traps/crash").body();

      assertThat(report.get("crashedGeneration").asInt()).isEqualTo(before.number);
      assertThat(report.get("lost")).as("not in the database at the crash").hasSize(1);
      assertThat(report.get("abandoned").asString())
          .isEqualTo("1 write left in the journal by close(), not abandoned");
      assertThat(report.get("durability").asString())
          .contains("recovered 1 write")
          .contains("nothing was lost");
      assertThat(simulator.current().handle(Lane.WRITE_BEHIND).stats().recoveredWrites())
          .isEqualTo(1);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(database.row(Lane.WRITE_BEHIND, key).orElseThrow().version())
                      .as("the recovered write reaches the database")
                      .isEqualTo(version));
      assertThat(loggedKinds(api.state(), "write-behind", "engine")).contains("WRITE_RECOVERED");
    } finally {
      assertThat(api.post("/api/durability?mode=memory").status()).isEqualTo(200);
    }
  }

  @Test
  void advancingTheClockExpiresEntriesByTheirTtl() {
    String aside = freshRow(Lane.CACHE_ASIDE, "clock_a", "Short");
    String through = freshRow(Lane.WRITE_THROUGH, "clock_t", "Long");
    api.click("cache-aside", aside, "read");
    api.click("write-through", through, "read");

    Answer advance = api.post("/api/traps/advance?seconds=61");

    assertThat(advance.body().get("advancedSeconds").asLong()).isEqualTo(61);
    assertThat(SimulatorClient.stream(advance.body().get("expired")).map(JsonNode::asString))
        .contains("cache-aside " + aside)
        .doesNotContain("write-through " + through);
    JsonNode state = api.state();
    assertThat(cached(state, "cache-aside", aside)).as("TTL 60 s").isEmpty();
    assertThat(cached(state, "write-through", through)).as("TTL 2 min").isPresent();
    assertThat(steps(api.click("cache-aside", aside, "read")))
        .containsExactly("MISS", "LOAD", "FILL");
    assertThat(state.get("clockAdvancedSeconds").asLong()).isGreaterThanOrEqualTo(61);
  }

  @Test
  void addedKeysAppearInEveryLaneAndBadInputIsRefused() {
    JsonNode added = api.post("/api/keys/user_9").body();

    assertThat(SimulatorClient.stream(added.get("keys")).map(JsonNode::asString))
        .startsWith("user_1", "user_2", "user_3")
        .contains("user_9");
    assertThat(row(api.state(), "cache-aside", "user_9")).isEmpty();
    assertThat(api.post("/api/keys/no%20spaces").status()).isEqualTo(400);
    assertThat(api.click("no-such-lane", "user_1", "read").status()).isEqualTo(400);
    assertThat(api.post("/api/traps/advance?seconds=0").status()).isEqualTo(400);
    String negative =
        "{\"enabled\":true,\"cacheGetMs\":-1,\"cacheSetMs\":2,\"cacheDeleteMs\":1,"
            + "\"dbReadMs\":15,\"dbWriteMs\":14}";
    assertThat(api.put("/api/latency", negative).status()).isEqualTo(400);
    assertThat(simulator.current()).isNotNull();
  }

  @Test
  void theStateShowsTheSeededRowsAndTheThreeStrategies() {
    JsonNode state = api.state();

    assertThat(SimulatorClient.stream(state.get("lanes")).map(l -> l.get("id").asString()))
        .containsExactly("cache-aside", "write-through", "write-behind");
    for (Lane lane : Lane.values()) {
      assertThat(row(state, lane.id, "user_1").orElseThrow().get("name").asString())
          .isEqualTo("Alice");
      assertThat(row(state, lane.id, "user_3").orElseThrow().get("name").asString())
          .isEqualTo("Carol");
    }
    assertThat(state.get("durability").asString()).isEqualTo("memory");
    assertThat(state.get("store").asString()).isEqualTo("memory");
    assertThat(lane(state, "cache-aside").get("ttl").asString()).isEqualTo("1 min");
    assertThat(state.get("latencyTable")).hasSize(5);
  }

  @Test
  void theDaoBeansOfAGenerationAreTheGeneratedDecorators() {
    Generation generation = simulator.current();

    assertThat(generation.users(Lane.CACHE_ASIDE)).isInstanceOf(CachedCacheAsideUsers.class);
    assertThat(generation.users(Lane.WRITE_THROUGH)).isInstanceOf(CachedWriteThroughUsers.class);
    assertThat(generation.users(Lane.WRITE_BEHIND)).isInstanceOf(CachedWriteBehindUsers.class);
  }

  @Test
  void thePageIsServedByTheAppWithNothingFromElsewhere() {
    for (String path : List.of("/", "/simulator.js", "/simulator.css")) {
      var response = api.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.body()).as(path).doesNotContain("http://", "https://", "//cdn");
    }
    assertThat(api.get("/").body())
        .contains("<script src=\"simulator.js\"")
        .contains("href=\"simulator.css\"");
  }
}
