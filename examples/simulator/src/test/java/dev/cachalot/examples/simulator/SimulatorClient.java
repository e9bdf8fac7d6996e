package dev.cachalot.examples.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The simulator's JSON API over HTTP, as the page calls it; for the tests. */
final class SimulatorClient {

  /** An answer: its status and its JSON body. */
  record Answer(int status, JsonNode body) {}

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  private final String base;

  SimulatorClient(int port) {
    this.base = "http://localhost:" + port;
  }

  Answer post(String path) {
    return send("POST", path, null);
  }

  Answer put(String path, String body) {
    return send("PUT", path, body);
  }

  /** Clicks {@code action} (read, write, delete) on {@code key} in {@code lane}. */
  Answer click(String lane, String key, String action) {
    return post("/api/lanes/" + lane + "/keys/" + key + "/" + action);
  }

  JsonNode state() {
    return send("GET", "/api/state?log=400", null).body();
  }

  HttpResponse<String> get(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Answer send(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), json.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- reading the state

  /** The lane {@code id} of {@code state}. */
  static JsonNode lane(JsonNode state, String id) {
    return stream(state.get("lanes"))
        .filter(lane -> lane.get("id").asString().equals(id))
        .findFirst()
        .orElseThrow();
  }

  /** What {@code lane}'s cache holds for {@code key}, if anything. */
  static Optional<JsonNode> cached(JsonNode state, String lane, String key) {
    return stream(lane(state, lane).get("cache"))
        .filter(entry -> entry.get("key").asString().equals(key))
        .findFirst();
  }

  /** {@code lane}'s row of {@code key}, if any. */
  static Optional<JsonNode> row(JsonNode state, String lane, String key) {
    return stream(lane(state, lane).get("rows"))
        .filter(row -> row.get("id").asString().equals(key))
        .findFirst();
  }

  /** The kinds of an answer's log entry's steps, in order. */
  static List<String> steps(Answer answer) {
    return kinds(answer.body().get("entry").get("steps"));
  }

  static List<String> kinds(JsonNode steps) {
    List<String> kinds = new ArrayList<>();
    steps.forEach(step -> kinds.add(step.get("kind").asString()));
    return kinds;
  }

  /** Every step kind of the log entries of {@code lane} (newest first) from {@code source}. */
  static List<String> loggedKinds(JsonNode state, String lane, String source) {
    List<String> kinds = new ArrayList<>();
    for (JsonNode entry : state.get("log")) {
      if (lane.equals(text(entry.get("lane"))) && source.equals(entry.get("source").asString())) {
        kinds.addAll(kinds(entry.get("steps")));
      }
    }
    return kinds;
  }

  /** The text of {@code node}, or null for a JSON null. */
  static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asString();
  }

  static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }
}
