package dev.cachalot.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module exports the binder's package, and passes on the runtime and Micrometer it names. */
class ModuleDescriptorTest {

  @Test
  void exportsTheBinderAndRequiresTheRuntimeAndMicrometerTransitively() throws Exception {
    Path classes =
        Path.of(CachalotMetrics.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }

    assertThat(descriptor.name()).isEqualTo("dev.cachalot.micrometer");
    assertThat(descriptor.exports())
        .singleElement()
        .satisfies(exports -> assertThat(exports.source()).isEqualTo("dev.cachalot.micrometer"));
    assertThat(descriptor.requires())
        .filteredOn(requires -> requires.modifiers().contains(Requires.Modifier.TRANSITIVE))
        .extracting(Requires::name)
        .containsExactlyInAnyOrder("dev.cachalot.runtime", "micrometer.core");
  }
}
