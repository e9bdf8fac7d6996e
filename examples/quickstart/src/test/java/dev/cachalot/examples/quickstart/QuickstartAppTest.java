package dev.cachalot.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickstartAppTest {

  @Test
  void everyPageViewReachesTheDatabaseAndMostCatalogReadsHit() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    QuickstartApp.Report report =
        QuickstartApp.run(new PrintStream(output, true, StandardCharsets.UTF_8));

    assertThat(report.pageViewsStored()).isEqualTo(report.pageViewsRecorded());
    assertThat(report.catalogQueries()).isLessThan(report.pageViewsRecorded() / 10);
    assertThat(output.toString(StandardCharsets.UTF_8))
        .contains(
            "products", "CACHE_ASIDE", "sessions", "WRITE_THROUGH", "pageViews", "WRITE_BEHIND");
  }
}
