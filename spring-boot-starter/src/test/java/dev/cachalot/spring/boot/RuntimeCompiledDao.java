package dev.cachalot.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A DAO compiled in the test without the annotation processor, as in a build that forgot it: {@code
 * fallback.CountryDao} (cache-aside, cache {@code countries}) and its implementation {@code
 * fallback.UpperCaseCountryDao}, which has no generated decorator.
 */
final class RuntimeCompiledDao {
  private RuntimeCompiledDao() {}

  /**
   * A new instance of {@code fallback.UpperCaseCountryDao}, from classes compiled into {@code dir}.
   */
  static Object create(Path dir) {
    try {
      Path sources = Files.createDirectories(dir.resolve("src/fallback"));
      Path classes = Files.createDirectories(dir.resolve("classes"));
      Path dao = sources.resolve("CountryDao.java");
      Files.writeString(
          dao,
          """
          package fallback;

          import dev.cachalot.annotations.CacheAside;
          import java.util.Optional;

          public interface CountryDao {
            @CacheAside(cache = "countries", ttl = "1h")
            Optional<String> find(String code);
          }
          """);
      Path implementation = sources.resolve("UpperCaseCountryDao.java");
      Files.writeString(
          implementation,
          """
          package fallback;

          import java.util.Optional;

          public class UpperCaseCountryDao implements CountryDao {
            @Override
            public Optional<String> find(String code) {
              return Optional.of(code.toUpperCase(java.util.Locale.ROOT));
            }
          }
          """);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      boolean compiled;
      try (StandardJavaFileManager files =
          javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
        compiled =
            javac
                .getTask(
                    null,
                    files,
                    diagnostics,
                    List.of(
                        "-proc:none",
                        "-parameters",
                        "-d",
                        classes.toString(),
                        "-classpath",
                        System.getProperty("java.class.path")),
                    null,
                    files.getJavaFileObjectsFromPaths(List.of(dao, implementation)))
                .call();
      }
      assertThat(compiled).as("compiles: %s", diagnostics.getDiagnostics()).isTrue();
      @SuppressWarnings("resource") // lives as long as the test's classes
      URLClassLoader loader =
          new URLClassLoader(
              new URL[] {classes.toUri().toURL()}, RuntimeCompiledDao.class.getClassLoader());
      return loader.loadClass("fallback.UpperCaseCountryDao").getConstructor().newInstance();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
