package dev.cachalot.rules.read;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations of {@code ttl} and {@code negativeTtl}: {@code 500ms}, {@code 30s}, {@code
 * 10m}, {@code 2h}, {@code 1d}, or ISO-8601 ({@code PT10M}, {@code P1D}); and writes them back in
 * the short form for messages.
 */
public final class Durations {

  private static final Pattern SHORT = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Returns the duration {@code text} denotes, or empty when it is not a duration. Zero and
   * negative durations parse; callers reject them with their own message.
   */
  public static Optional<Duration> parse(String text) {
    String trimmed = text.trim();
    Matcher matcher = SHORT.matcher(trimmed);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      try {
        return Optional.of(
            switch (matcher.group(2)) {
              case "ms" -> Duration.ofMillis(amount);
              case "s" -> Duration.ofSeconds(amount);
              case "m" -> Duration.ofMinutes(amount);
              case "h" -> Duration.ofHours(amount);
              default -> Duration.ofDays(amount);
            });
      } catch (ArithmeticException tooLarge) {
        return Optional.empty();
      }
    }
    if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        return Optional.of(Duration.parse(trimmed));
      } catch (DateTimeParseException notIso) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * {@code duration} in the short form, in the largest unit that states it exactly: {@code 10m},
   * {@code 90s}, {@code 1500ms}; ISO-8601 when it has a fraction of a millisecond.
   */
  public static String format(Duration duration) {
    long millis;
    try {
      millis = duration.toMillis();
    } catch (ArithmeticException tooLong) {
      return duration.toString();
    }
    if (!Duration.ofMillis(millis).equals(duration)) {
      return duration.toString();
    }
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (millis % sizes[i] == 0 && millis != 0) {
        return millis / sizes[i] + units[i];
      }
    }
    return millis + "ms";
  }
}
