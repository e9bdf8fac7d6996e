package dev.cachalot.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The rules are no one's API: every package is exported to the two decorator builders only. */
class ModuleDescriptorTest {

  @Test
  void everyPackageIsExportedToTheProcessorAndTheRuntimeOnly() throws Exception {
    Path classes =
        Path.of(Planner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }

    assertThat(descriptor.name()).isEqualTo("dev.cachalot.rules");
    assertThat(descriptor.exports()).isNotEmpty();
    assertThat(descriptor.exports())
        .allSatisfy(
            export ->
                assertThat(export.targets())
                    .containsExactlyInAnyOrder("dev.cachalot.processor", "dev.cachalot.runtime"));
    assertThat(descriptor.exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactlyInAnyOrderElementsOf(descriptor.packages());
  }
}
