package dev.cachalot.examples.shop.boot;

import dev.cachalot.examples.shop.CatalogDao;
import dev.cachalot.examples.shop.Event;
import dev.cachalot.examples.shop.EventDao;
import dev.cachalot.examples.shop.EventKind;
import dev.cachalot.examples.shop.Product;
import dev.cachalot.examples.shop.Session;
import dev.cachalot.examples.shop.SessionDao;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shop's REST endpoints. It injects the DAO interfaces, which the Cachalot starter made the
 * decorated beans: a product read is cache-aside, a session is written through, a page view is
 * written behind.
 */
@RestController
class ShopController {

  private final CatalogDao catalog;
  private final SessionDao sessions;
  private final EventDao events;
  private final Clock clock = Clock.systemUTC();
  private final AtomicLong eventIds = new AtomicLong();

  ShopController(CatalogDao catalog, SessionDao sessions, EventDao events) {
    this.catalog = catalog;
    this.sessions = sessions;
    this.events = events;
  }

  /** A product, from the cache after its first read. */
  @GetMapping("/products/{id}")
  ResponseEntity<Product> product(@PathVariable long id) {
    return ResponseEntity.of(catalog.find(id));
  }

  /** Changes a product's price: the database, then the cached product is invalidated. */
  @PutMapping("/products/{id}/price")
  ResponseEntity<Product> price(@PathVariable long id, @RequestBody PriceChange change) {
    return catalog
        .find(id)
        .map(
            product -> {
              Product changed = product.withPrice(change.priceCents());
              catalog.save(changed);
              return ResponseEntity.ok(changed);
            })
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  /** Logs a user in: the session is written to the database and the cache. */
  @PostMapping("/sessions")
  ResponseEntity<Session> login(@RequestBody Login login) {
    return ResponseEntity.status(HttpStatus.CREATED).body(sessions.login(login.user()));
  }

  /** A session, from the cache. */
  @GetMapping("/sessions/{token}")
  ResponseEntity<Session> session(@PathVariable String token) {
    return ResponseEntity.of(sessions.find(token));
  }

  /** Logs out: the session leaves the database and the cache. */
  @DeleteMapping("/sessions/{token}")
  ResponseEntity<Void> logout(@PathVariable String token) {
    sessions.logout(token);
    return ResponseEntity.noContent().build();
  }

  /**
   * Records that the session's user viewed a product: accepted at once, written to the database by
   * Cachalot's flusher within a second.
   */
  @PostMapping("/products/{id}/views")
  ResponseEntity<Event> view(@PathVariable long id, @RequestHeader("X-Session") String token) {
    Session session = sessions.find(token).filter(s -> s.isValidAt(clock.instant())).orElse(null);
    if (session == null) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
    }
    if (catalog.find(id).isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    Event event =
        new Event(
            eventIds.incrementAndGet(),
            session.userName(),
            EventKind.PAGE_VIEW,
            id,
            clock.instant());
    events.record(event);
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(event);
  }

  /** How many events the database holds (not cached): trails the recorded ones by up to 1 s. */
  @GetMapping("/events/count")
  long eventCount() {
    return events.count();
  }

  /** The body of a price change. */
  record PriceChange(long priceCents) {}

  /** The body of a login. */
  record Login(String user) {}
}
