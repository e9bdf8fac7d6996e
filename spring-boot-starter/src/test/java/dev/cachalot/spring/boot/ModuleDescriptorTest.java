package dev.cachalot.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The module exports its three packages and opens them to Spring; what only some applications have
 * (Actuator, Micrometer) is required statically, so that the starter works without them.
 */
class ModuleDescriptorTest {

  @Test
  void exportsItsPackagesAndRequiresTheOptionalPartsStatically() throws Exception {
    Path classes =
        Path.of(
            CachalotAutoConfiguration.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }

    assertThat(descriptor.name()).isEqualTo("dev.cachalot.spring.boot");
    assertThat(descriptor.exports())
        .extracting(Exports::source)
        .containsExactlyInAnyOrder(
            "dev.cachalot.spring.boot",
            "dev.cachalot.spring.boot.actuate",
            "dev.cachalot.spring.boot.metrics");
    assertThat(descriptor.opens()).hasSize(3);
    assertThat(descriptor.requires())
        .filteredOn(requires -> requires.modifiers().contains(Requires.Modifier.STATIC))
        .extracting(Requires::name)
        .contains(
            "dev.cachalot.micrometer",
            "micrometer.core",
            "spring.boot.actuator",
            "spring.boot.actuator.autoconfigure",
            "spring.boot.health");
    assertThat(descriptor.requires())
        .filteredOn(
            requires ->
                requires.modifiers().isEmpty()
                    || requires.modifiers().equals(Set.of(Requires.Modifier.TRANSITIVE)))
        .extracting(Requires::name)
        .contains("dev.cachalot.runtime", "spring.boot.autoconfigure");
  }
}
