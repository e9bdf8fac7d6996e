package dev.cachalot.redis;

import static org.assertj.core.api.Assertions.fail;

import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own, on a free port, that the test stops, restarts, pauses and
 * resumes. {@link #close()} kills it (and resumes it first if paused), also when the test failed.
 */
final class OwnRedisServer implements AutoCloseable {

  final int port;
  private Process process;
  private boolean paused;

  private OwnRedisServer(int port) {
    this.port = port;
  }

  /** Starts a server on a free port; returns once it answers PING. */
  static OwnRedisServer start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    OwnRedisServer server = new OwnRedisServer(port);
    server.launch();
    return server;
  }

  /** A server that is not started yet, on a free port: for a store that starts before it. */
  static OwnRedisServer notStarted() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      return new OwnRedisServer(free.getLocalPort());
    }
  }

  RedisURI uri() {
    return RedisURI.create("redis://127.0.0.1:" + port);
  }

  /** Starts the server (again); returns once it answers PING. Without persistence: empty. */
  void launch() throws IOException, InterruptedException {
    try {
      process =
          new ProcessBuilder(
                  List.of(
                      "redis-server",
                      "--port",
                      Integer.toString(port),
                      "--bind",
                      "127.0.0.1",
                      "--save",
                      "",
                      "--appendonly",
                      "no"))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      fail(
          "redis-server is not on the PATH (" + e.getMessage() + "); the outage tests start one",
          e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!answers()) {
      if (!process.isAlive() || System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("redis-server did not start on port " + port);
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  /** Stops the server (SIGTERM) and waits until it is gone. */
  void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      process = null;
    }
  }

  /** Freezes the server (SIGSTOP): connections stay open, commands time out, data is kept. */
  void pause() throws IOException, InterruptedException {
    signal("-STOP");
    paused = true;
  }

  /** Thaws a paused server (SIGCONT). */
  void resume() throws IOException, InterruptedException {
    signal("-CONT");
    paused = false;
  }

  private void signal(String signal) throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
    }
  }

  /** Whether the server answers PING now (a raw RESP round trip, no client). */
  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      socket.setSoTimeout((int) Duration.ofMillis(500).toMillis());
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[7];
      int read = in.readNBytes(reply, 0, reply.length);
      return new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  /** Kills the server, resuming it first if it is paused; waits until it is gone. */
  @Override
  public void close() {
    if (process == null) {
      return;
    }
    try {
      if (paused) {
        resume();
      }
    } catch (IOException | InterruptedException e) {
      // killed below all the same
    } finally {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }
}
