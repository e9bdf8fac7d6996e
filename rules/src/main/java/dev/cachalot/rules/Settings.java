package dev.cachalot.rules;

import java.time.Duration;
import java.util.Optional;

/** The rules for the values of settings: positive durations, counts of at least one. */
public final class Settings {

  private Settings() {}

  /**
   * Parses the duration attribute {@code attribute} written as {@code text}, or reports at {@code
   * site} why it is not a positive duration and returns null.
   */
  public static <S> Duration duration(String attribute, String text, S site, Problems<S> problems) {
    Optional<Duration> duration = Durations.parse(text);
    if (duration.isEmpty()) {
      problems.report(site, Message.MALFORMED_DURATION, attribute, text);
      return null;
    }
    if (duration.get().isZero() || duration.get().isNegative()) {
      problems.report(site, Message.NON_POSITIVE_DURATION, attribute, text, attribute);
      return null;
    }
    return duration.get();
  }

  /**
   * Whether the count attribute {@code attribute} is at least 1; reports it at {@code site} if not.
   */
  public static <S> boolean positive(String attribute, Number value, S site, Problems<S> problems) {
    if (value.longValue() < 1) {
      problems.report(site, Message.NON_POSITIVE_SETTING, attribute, value);
      return false;
    }
    return true;
  }
}
