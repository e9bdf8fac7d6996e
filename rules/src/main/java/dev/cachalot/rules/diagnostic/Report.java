package dev.cachalot.rules.diagnostic;

import dev.cachalot.rules.element.Site;
import java.util.ArrayList;
import java.util.List;

/**
 * The diagnostics found while planning decorators, each with its site. A diagnostic reported twice
 * at one site (two interfaces that share the cache whose setting is wrong) is kept once. Not
 * thread-safe.
 */
public final class Report implements Problems<Site> {

  /** One diagnostic: its message, its site and its text (with the id). */
  public record Entry(Message message, Site site, String text) {

    public Severity severity() {
      return message.severity();
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  @Override
  public void report(Site site, Message message, Object... arguments) {
    Entry entry = new Entry(message, site, message.format(arguments));
    if (!entries.contains(entry)) {
      entries.add(entry);
    }
  }

  /** Every diagnostic, in the order reported. */
  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** How many errors (not warnings) were reported. */
  public int errorCount() {
    int errors = 0;
    for (Entry entry : entries) {
      if (entry.severity() == Severity.ERROR) {
        errors++;
      }
    }
    return errors;
  }

  public boolean hasErrors() {
    return errorCount() > 0;
  }
}
