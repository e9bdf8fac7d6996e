package dev.cachalot.it;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The "database" of sessions, whose methods declare a checked exception, as JDBC-style DAOs do. */
final class InMemorySessionDao implements SessionDao {
  final Map<String, Session> rows = new ConcurrentHashMap<>();
  final Calls calls = new Calls();
  final AtomicInteger nextToken = new AtomicInteger();
  volatile IOException failWrites;

  @Override
  public Optional<Session> find(String token) {
    calls.record("find");
    return Optional.ofNullable(rows.get(token));
  }

  @Override
  public Session create(String user) throws IOException {
    calls.record("create");
    failIfAsked();
    Session session = new Session("t" + nextToken.incrementAndGet(), user);
    rows.put(session.getToken(), session);
    return session;
  }

  @Override
  public void put(String token, Session session) throws IOException {
    calls.record("put");
    failIfAsked();
    rows.put(token, session);
  }

  @Override
  public boolean refresh(Session session) throws IOException {
    calls.record("refresh");
    failIfAsked();
    return rows.put(session.getToken(), session) != null;
  }

  /** Stores the user name upper-cased, as a database default or trigger might. */
  @Override
  public Session normalize(Session session) throws IOException {
    calls.record("normalize");
    failIfAsked();
    Session stored = new Session(session.getToken(), session.getUser().toUpperCase(Locale.ROOT));
    rows.put(stored.getToken(), stored);
    return stored;
  }

  @Override
  public void logout(String token) throws IOException {
    calls.record("logout");
    failIfAsked();
    rows.remove(token);
  }

  private void failIfAsked() throws IOException {
    if (failWrites != null) {
      throw failWrites;
    }
  }
}
