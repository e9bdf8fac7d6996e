package dev.cachalot.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What users of cachalot-redis compile against: one exported package whose public types are
 * RedisStore and JsonCodec, and JsonCodec offered as the store SPI's EntryCodec service.
 */
class ModuleDescriptorTest {

  private static Path classes() throws Exception {
    return Path.of(RedisStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void theModuleExportsItsPackageAndProvidesTheCodec() throws Exception {
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(classes().resolve("module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }

    assertThat(descriptor.name()).isEqualTo("dev.cachalot.redis");
    assertThat(descriptor.exports())
        .singleElement()
        .satisfies(
            export -> {
              assertThat(export.source()).isEqualTo("dev.cachalot.redis");
              assertThat(export.isQualified()).isFalse();
            });
    assertThat(descriptor.opens()).isEmpty();
    assertThat(descriptor.provides())
        .singleElement()
        .satisfies(
            provides -> {
              assertThat(provides.service()).isEqualTo("dev.cachalot.store.EntryCodec");
              assertThat(provides.providers()).containsExactly(JsonCodec.class.getName());
            });
  }

  @Test
  void thePublicTypesAreTheStoreAndTheCodec() throws Exception {
    TreeSet<String> publicTypes = new TreeSet<>();
    Path root = classes();
    try (Stream<Path> files = Files.walk(root.resolve("dev/cachalot/redis"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = root.relativize(file).toString();
        if (name.endsWith(".class")) {
          Class<?> type =
              Class.forName(
                  name.substring(0, name.length() - 6).replace('/', '.'),
                  false,
                  RedisStore.class.getClassLoader());
          if (Modifier.isPublic(type.getModifiers())) {
            publicTypes.add(type.getName());
          }
        }
      }
    }

    assertThat(publicTypes)
        .containsExactlyElementsOf(List.of(JsonCodec.class.getName(), RedisStore.class.getName()));
  }
}
