package dev.cachalot.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One golden file per strategy: the generated source must equal it character for character, and
 * compile without a warning under {@code -Xlint:all -Werror}. After an intended change of the
 * generated code, run with {@code -Dgolden.update=true} and review the diff of the golden files.
 */
class GoldenFilesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "CatalogDao, com.acme.catalog.CatalogDao, com/acme/catalog/CachedCatalogDao.java",
    "SessionDao, com.acme.auth.SessionDao, com/acme/auth/CachedSessionDao.java",
    "EventDao, com.acme.analytics.EventDao, com/acme/analytics/CachedEventDao.java",
  })
  void generatedSourceEqualsTheGoldenFile(String dao, String qualifiedName, String generatedPath) {
    JavaFileObject source =
        JavaFileObjects.forSourceString(qualifiedName, resource("golden/" + dao + ".java"));

    Compilation compilation =
        javac()
            .withProcessors(new CachalotProcessor())
            .withOptions("-Xlint:all", "-Xlint:-processing", "-Werror")
            .compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    String generated =
        compilation
            .generatedFile(StandardLocation.SOURCE_OUTPUT, generatedPath)
            .map(GoldenFilesTest::contents)
            .orElseThrow(() -> new AssertionError("no " + generatedPath + " was generated"));
    String golden = "golden/Cached" + dao + ".java.txt";
    if (Boolean.getBoolean("golden.update")) {
      write(Path.of("src/test/resources", golden), generated);
    }
    assertThat(generated).isEqualTo(resource(golden));
  }

  private static String resource(String name) {
    try (InputStream in = GoldenFilesTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new AssertionError("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String contents(JavaFileObject file) {
    try {
      return file.getCharContent(false).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path path, String text) {
    try {
      Files.writeString(path, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
