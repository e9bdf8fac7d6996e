package dev.cachalot.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The processor exports nothing; javac finds it as a service, on the processor path. */
class ModuleDescriptorTest {

  @Test
  void theProcessorIsAServiceAndExportsNothing() throws Exception {
    Path classes =
        Path.of(
            CachalotProcessor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }

    assertThat(descriptor.exports()).isEmpty();
    assertThat(descriptor.provides())
        .singleElement()
        .satisfies(
            provides -> {
              assertThat(provides.service()).isEqualTo("javax.annotation.processing.Processor");
              assertThat(provides.providers()).containsExactly(CachalotProcessor.class.getName());
            });
  }
}
