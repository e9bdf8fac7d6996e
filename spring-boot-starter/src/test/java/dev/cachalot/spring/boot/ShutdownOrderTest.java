package dev.cachalot.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.cachalot.Cachalot;
import dev.cachalot.spring.boot.sample.Event;
import dev.cachalot.spring.boot.sample.EventDao;
import dev.cachalot.spring.boot.sample.JdbcEventDao;
import dev.cachalot.spring.boot.sample.MapEventDao;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Closing the context flushes the write-behind buffers into the database before the DataSource
 * closes, after the beans that write: the rows are there after the context closed.
 */
class ShutdownOrderTest {

  /** What happened at shutdown, in order. */
  static final List<String> SHUTDOWN = new CopyOnWriteArrayList<>();

  /**
   * A context whose Cachalot (the application's own, registered first) is created before everything
   * else, so that Spring, left to its default order (the reverse of creation), would close it last,
   * after the DataSource and whatever else the DAOs use.
   */
  private static ApplicationContextRunner cachalotFirst() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                JdbcTemplateAutoConfiguration.class,
                JdbcClientAutoConfiguration.class,
                CachalotAutoConfiguration.class))
        .withBean("cachalot", Cachalot.class, Cachalot::inMemory);
  }

  private static ApplicationContextRunner runner(String database) {
    return cachalotFirst()
        .withBean("dataSource", RecordingDataSource.class, () -> new RecordingDataSource(database));
  }

  @Test
  void pendingWritesOfADecoratedBeanAreFlushedBeforeTheDataSourceCloses() throws SQLException {
    SHUTDOWN.clear();
    runner("decorated")
        .withUserConfiguration(DecoratedEvents.class)
        .run(
            context -> {
              createTable(context.getBean(JdbcClient.class));
              EventDao events = context.getBean(EventDao.class);
              for (long id = 1; id <= 3; id++) {
                events.record(new Event(id, "view"));
              }
              assertThat(events.count()).as("nothing flushed yet").isZero();
              assertThat(context.getBean(Cachalot.class).cache("events").pendingWrites())
                  .isEqualTo(3);
            });
    // 3 written while running, 1 by the writer's destroy callback: all in the database.
    assertThat(rows("decorated")).isEqualTo(4);
    assertThat(SHUTDOWN)
        .containsExactly("writer destroyed", "wrote 4 events", "data source closing");
  }

  @Test
  void aCachalotThatDecoratesNoBeanStillClosesBeforeTheDataSource() throws SQLException {
    SHUTDOWN.clear();
    runner("manual")
        .withPropertyValues("cachalot.decorate-beans=false")
        .withUserConfiguration(ManuallyDecoratedEvents.class)
        .run(
            context -> {
              createTable(context.getBean(JdbcClient.class));
              EventDao events = context.getBean(EventDao.class);
              events.record(new Event(1, "view"));
              events.record(new Event(2, "view"));
              assertThat(events.count()).isZero();
            });
    assertThat(rows("manual")).isEqualTo(3);
    assertThat(SHUTDOWN)
        .containsExactly("writer destroyed", "wrote 3 events", "data source closing");
  }

  @Test
  void whatADecoratedBeanWasInjectedWithIsDestroyedAfterTheFinalFlush() {
    SHUTDOWN.clear();
    Resource[] used = new Resource[1];
    cachalotFirst()
        .withUserConfiguration(ResourceEvents.class)
        .run(
            context -> {
              used[0] = context.getBean(Resource.class);
              EventDao events = context.getBean(EventDao.class);
              events.record(new Event(1, "view"));
              events.record(new Event(2, "view"));
            });
    assertThat(used[0].rows).containsOnlyKeys(1L, 2L);
    assertThat(SHUTDOWN).containsExactly("wrote 2 events", "resource closed");
  }

  private static void createTable(JdbcClient jdbc) {
    jdbc.sql("CREATE TABLE event (id BIGINT PRIMARY KEY, what VARCHAR(20) NOT NULL)").update();
  }

  private static long rows(String database) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:" + database);
        Statement statement = connection.createStatement();
        ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM event")) {
      count.next();
      long rows = count.getLong(1);
      statement.execute("SHUTDOWN");
      return rows;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class DecoratedEvents {
    @Bean
    JdbcEventDao events(JdbcClient jdbc) {
      return new RecordingEventDao(jdbc);
    }

    @Bean
    Writer writer(EventDao events) {
      return new Writer(events);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ManuallyDecoratedEvents {
    @Bean
    EventDao events(Cachalot cachalot, JdbcClient jdbc) {
      return cachalot.decorate(EventDao.class, new RecordingEventDao(jdbc));
    }

    @Bean
    Writer writer(EventDao events) {
      return new Writer(events);
    }
  }

  /** A bean that writes one last event when it is destroyed. */
  static final class Writer implements DisposableBean {
    private final EventDao events;

    Writer(EventDao events) {
      this.events = events;
    }

    @Override
    public void destroy() {
      events.record(new Event(99, "shutdown"));
      SHUTDOWN.add("writer destroyed");
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ResourceEvents {
    @Bean
    Resource resource() {
      return new Resource();
    }

    @Bean
    ResourceEventDao events(Resource resource) {
      return new ResourceEventDao(resource);
    }
  }

  /** Something a DAO writes to that is not a DataSource, and that refuses writes once closed. */
  static final class Resource implements DisposableBean {
    final Map<Long, Event> rows = new ConcurrentHashMap<>();
    volatile boolean closed;

    void write(Event event) {
      if (closed) {
        throw new IllegalStateException("the resource is closed");
      }
      rows.put(event.id(), event);
    }

    @Override
    public void destroy() {
      closed = true;
      SHUTDOWN.add("resource closed");
    }
  }

  static final class ResourceEventDao extends MapEventDao {
    private final Resource resource;

    ResourceEventDao(Resource resource) {
      this.resource = resource;
    }

    @Override
    public void insertAll(List<Event> events) {
      events.forEach(resource::write);
      SHUTDOWN.add("wrote " + events.size() + " events");
    }
  }

  /** Records the batches it writes. */
  static final class RecordingEventDao extends JdbcEventDao {
    RecordingEventDao(JdbcClient jdbc) {
      super(jdbc);
    }

    @Override
    public void insertAll(List<Event> events) {
      super.insertAll(events);
      SHUTDOWN.add("wrote " + events.size() + " events");
    }
  }

  /**
   * A pool on an in-memory H2 database that outlives it (so that the test can count the rows
   * afterwards); records when it closes.
   */
  static final class RecordingDataSource extends HikariDataSource {
    RecordingDataSource(String database) {
      setJdbcUrl("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
      setPoolName(database);
    }

    @Override
    public void close() {
      SHUTDOWN.add("data source closing");
      super.close();
    }
  }
}
