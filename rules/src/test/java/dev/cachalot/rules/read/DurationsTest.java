package dev.cachalot.rules.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "500ms, PT0.5S",
    "30s, PT30S",
    "10m, PT10M",
    "2h, PT2H",
    "1d, PT24H",
    "PT10M, PT10M",
    "P1D, PT24H",
    "pt90s, PT1M30S",
    "' 10m ', PT10M",
    "0s, PT0S"
  })
  void shortFormsAndIso8601Parse(String text, String expected) {
    assertThat(Durations.parse(text)).contains(Duration.parse(expected));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "10", "10 minutes", "10M", "-5s", "1.5s", "P", "999999999999999999d"})
  void anythingElseIsNotADuration(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"PT0.5S, 500ms", "PT30S, 30s", "PT90S, 90s", "PT10M, 10m", "PT2H, 2h", "P1D, 1d"})
  void messagesWriteTheLargestExactUnit(String duration, String expected) {
    assertThat(Durations.format(Duration.parse(duration))).isEqualTo(expected);
  }

  @Test
  void aFractionOfAMillisecondIsWrittenInIso8601() {
    assertThat(Durations.format(Duration.ofNanos(1_500))).isEqualTo("PT0.0000015S");
  }
}
