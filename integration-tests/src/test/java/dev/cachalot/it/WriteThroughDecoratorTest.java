package dev.cachalot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.Cachalot;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The write-through decorator, generated and built at run time, on every store (in process, Redis,
 * Redis with a near cache), against a stand-in DAO that counts calls.
 */
@ParameterizedClass
@MethodSource("dev.cachalot.it.StoreKind#everyPathOnEveryStore")
class WriteThroughDecoratorTest {

  @Parameter(0)
  DecoratorPath path;

  @Parameter(1)
  StoreKind store;

  private final InMemorySessionDao database = new InMemorySessionDao();
  private StoreKind.Opened opened;
  private Cachalot cachalot;
  private SessionDao dao;

  @BeforeEach
  void decorate() {
    opened = store.open(path);
    cachalot = opened.cachalot();
    dao = cachalot.decorate(SessionDao.class, database);
  }

  @AfterEach
  void close() {
    opened.close();
  }

  @Test
  void aReadLoadsOnceThenHits() throws IOException {
    database.rows.put("a", new Session("a", "ann"));
    assertThat(dao.find("a")).contains(new Session("a", "ann"));
    assertThat(dao.find("a")).contains(new Session("a", "ann"));
    assertThat(database.calls.of("find")).isEqualTo(1);
  }

  @Test
  void aWriteKeyedByItsResultCachesTheReturnedValue() throws IOException {
    Session created = dao.create("bob");
    assertThat(database.rows).containsEntry(created.getToken(), created);
    assertThat(dao.find(created.getToken())).contains(created);
    assertThat(database.calls.of("find")).isZero();
  }

  @Test
  void aWriteCachesTheValueAfterTheDatabaseAcceptedIt() throws IOException {
    dao.put("c", new Session("c", "cy"));
    assertThat(database.rows).containsEntry("c", new Session("c", "cy"));
    assertThat(dao.find("c")).contains(new Session("c", "cy"));
    assertThat(database.calls.of("find")).isZero();
  }

  @Test
  void aWriteReturningSomethingElseCachesTheArgument() throws IOException {
    assertThat(dao.refresh(new Session("d", "di"))).isFalse();
    assertThat(dao.refresh(new Session("d", "dee"))).isTrue();
    assertThat(dao.find("d")).contains(new Session("d", "dee"));
    assertThat(database.calls.of("find")).isZero();
  }

  @Test
  void aWriteReturningTheValueCachesWhatTheDatabaseStored() throws IOException {
    Session stored = dao.normalize(new Session("e", "eve"));
    assertThat(stored).isEqualTo(new Session("e", "EVE"));
    assertThat(dao.find("e")).contains(new Session("e", "EVE"));
    assertThat(database.calls.of("find")).isZero();
  }

  @Test
  void aFailedWriteCachesNothingAndRethrowsTheCheckedException() throws IOException {
    dao.put("f", new Session("f", "fay"));
    IOException failure = new IOException("connection reset");
    database.failWrites = failure;

    assertThatThrownBy(() -> dao.put("f", new Session("f", "faye"))).isSameAs(failure);
    assertThatThrownBy(() -> dao.create("gus")).isSameAs(failure);

    database.failWrites = null;
    assertThat(dao.find("f")).contains(new Session("f", "fay"));
  }

  @Test
  void aDeleteRemovesFromDatabaseAndCache() throws IOException {
    dao.put("h", new Session("h", "hal"));
    dao.logout("h");
    assertThat(database.rows).doesNotContainKey("h");
    assertThat(dao.find("h")).isEmpty();
    assertThat(database.calls.of("find")).isEqualTo(1);
  }
}
