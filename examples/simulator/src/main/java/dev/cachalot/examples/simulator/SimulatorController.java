package dev.cachalot.examples.simulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The page's JSON API. Each button is one POST; the page polls {@code GET /api/state}. A click
 * whose DAO call failed (the database is down, the buffer is full) answers 503 with its log entry,
 * which names the error; a bad key or lane answers 400, a trap that cannot run now 409.
 */
@RestController
@RequestMapping("/api")
class SimulatorController {

  private final Simulator simulator;

  SimulatorController(Simulator simulator) {
    this.simulator = simulator;
  }

  /** Everything the page shows, with the newest {@code log} entries of the operation log. */
  @GetMapping("/state")
  SimulatorState state(@RequestParam(defaultValue = "120") int log) {
    return simulator.state(Math.max(0, Math.min(log, OperationLog.KEPT)));
  }

  @PostMapping("/lanes/{lane}/keys/{key}/read")
  ResponseEntity<Simulator.Outcome> read(@PathVariable String lane, @PathVariable String key) {
    return answer(simulator.read(Lane.of(lane), key));
  }

  /** Writes the key; {@code name} is the user's name to write, or blank for a made-up one. */
  @PostMapping("/lanes/{lane}/keys/{key}/write")
  ResponseEntity<Simulator.Outcome> write(
      @PathVariable String lane,
      @PathVariable String key,
      @RequestParam(required = false) String name) {
    return answer(simulator.write(Lane.of(lane), key, name));
  }

  @PostMapping("/lanes/{lane}/keys/{key}/delete")
  ResponseEntity<Simulator.Outcome> delete(@PathVariable String lane, @PathVariable String key) {
    return answer(simulator.delete(Lane.of(lane), key));
  }

  /** Adds a row for {@code key} to every lane of the page (it has no data until written). */
  @PostMapping("/keys/{key}")
  Map<String, Object> addKey(@PathVariable String key) {
    simulator.addKey(key);
    return Map.of("keys", simulator.keys());
  }

  @PostMapping("/flush")
  ResponseEntity<Simulator.Outcome> flush() {
    return answer(simulator.flush());
  }

  @PostMapping("/traps/race")
  Simulator.RaceReport race(@RequestParam(defaultValue = "user_1") String key)
      throws InterruptedException {
    return simulator.race(key);
  }

  @PostMapping("/traps/database")
  Map<String, Object> database(@RequestParam boolean failing) {
    return Map.of("databaseFailing", simulator.failDatabase(failing));
  }

  /** Switches the write-behind durability ({@code memory} or {@code journal}). */
  @PostMapping("/durability")
  Map<String, Object> durability(@RequestParam String mode) {
    SimulatorProperties.Durability durability;
    try {
      durability = SimulatorProperties.Durability.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "durability is memory or journal, not " + mode);
    }
    return Map.of(
        "durability", simulator.switchDurability(durability).name().toLowerCase(Locale.ROOT));
  }

  @PostMapping("/traps/crash")
  Simulator.CrashReport crash() {
    return simulator.crash();
  }

  @PostMapping("/traps/advance")
  Simulator.ClockReport advance(@RequestParam(defaultValue = "30") long seconds) {
    if (seconds < 1 || seconds > 86_400) {
      throw new IllegalArgumentException("advance time by 1 s to 1 day, not " + seconds + " s");
    }
    return simulator.advance(Duration.ofSeconds(seconds));
  }

  @PutMapping("/latency")
  Latency.Settings latency(@RequestBody Latency.Settings settings) {
    return simulator.setLatency(settings);
  }

  private static ResponseEntity<Simulator.Outcome> answer(Simulator.Outcome outcome) {
    return ResponseEntity.status(outcome.ok() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .body(outcome);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(IllegalStateException.class)
  ResponseEntity<Map<String, String>> conflict(IllegalStateException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
  }
}
