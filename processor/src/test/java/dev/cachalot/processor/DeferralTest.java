package dev.cachalot.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A DAO may mention a type that another processor generates in a later round; the processor waits
 * for it instead of reporting an error or generating broken code.
 */
class DeferralTest {

  /**
   * Generates {@code com.acme.Product} in the second round, as a record-generating processor might.
   */
  static final class LateProductProcessor extends AbstractProcessor {
    private int round;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment env) {
      round++;
      if (round == 2) {
        try (Writer writer =
            processingEnv.getFiler().createSourceFile("com.acme.Product").openWriter()) {
          writer.write("package com.acme;\npublic record Product(long id, String name) {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else if (round == 1) {
        // Something to make a second round happen before Product exists.
        try (Writer writer =
            processingEnv.getFiler().createSourceFile("com.acme.Marker").openWriter()) {
          writer.write("package com.acme;\nclass Marker {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void aDaoWaitsForATypeThatALaterRoundGenerates() {
    JavaFileObject dao =
        JavaFileObjects.forSourceLines(
            "com.acme.ProductDao",
            "package com.acme;",
            "import dev.cachalot.annotations.CacheAside;",
            "import java.util.Optional;",
            "public interface ProductDao {",
            "  @CacheAside(cache = \"products\")",
            "  Optional<Product> find(long id);",
            "  @CacheAside(cache = \"products\", key = \"product.id\")",
            "  void save(Product product);",
            "}");

    Compilation compilation =
        javac()
            .withProcessors(new LateProductProcessor(), new CachalotProcessor())
            .withOptions("-Xlint:all", "-Xlint:-processing", "-Werror")
            .compile(dao);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("com.acme.CachedProductDao")
        .contentsAsUtf8String()
        .contains("Writing writing = products.startWrite(product.id());");
  }

  @Test
  void aTypeThatNeverAppearsIsReportedByJavacAndNothingIsGenerated() {
    JavaFileObject dao =
        JavaFileObjects.forSourceLines(
            "com.acme.OrderDao",
            "package com.acme;",
            "import dev.cachalot.annotations.CacheAside;",
            "public interface OrderDao {",
            "  @CacheAside(cache = \"orders\")",
            "  Order find(long id);",
            "}");

    Compilation compilation = javac().withProcessors(new CachalotProcessor()).compile(dao);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("cannot find symbol");
    assertThat(compilation)
        .hadErrorContaining("Cachalot could not generate the decorator of OrderDao");
  }
}
