package dev.cachalot.it.exit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that exits normally without calling {@code close()} keeps its acknowledged
 * write-behind writes: the shutdown hook Cachalot registers flushes them. A child JVM writes and
 * returns from main; its database is read after it exited. Without the hook (the option turned off)
 * the same child loses them, which shows it is the hook that keeps them.
 */
class ExitFlushTest {

  private static final int WRITES = 1_000;

  @TempDir Path dir;

  private String runChild(String url, boolean hook) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ExitWithoutClose.class.getName(),
                url,
                Integer.toString(WRITES),
                Boolean.toString(hook))
            .redirectErrorStream(true)
            .start();
    String output;
    try {
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child exited").isTrue();
      output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.exitValue()).as("the child's output: %s", output).isZero();
    assertThat(output).contains("acknowledged " + WRITES);
    return output;
  }

  private static long rows(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet count = statement.executeQuery("select count(*) from audits")) {
      count.next();
      return count.getLong(1);
    }
  }

  @Test
  void theShutdownHookFlushesEveryPendingWriteWhenTheJvmExitsWithoutClose() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("hooked").toAbsolutePath();

    String output = runChild(url, true);

    assertThat(output).contains("pending " + WRITES).contains("flushing " + WRITES);
    assertThat(rows(url)).as("every acknowledged write is in the database").isEqualTo(WRITES);
  }

  @Test
  void withoutTheHookTheSameExitLosesThePendingWrites() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("unhooked").toAbsolutePath();

    runChild(url, false);

    assertThat(rows(url)).as("nothing was flushed: the flush interval is an hour").isZero();
  }
}
