package dev.cachalot.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.cachalot.misuse.MisuseCases;
import dev.cachalot.rules.diagnostic.Message;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compile-time errors of the processor, from the table of misuse cases that the runtime's suite
 * runs too ({@code misuse-cases.txt} of cachalot-rules): each case compiles a small DAO with one
 * mistake and checks that javac fails with the message (its id, what is wrong and what to write
 * instead) on the offending element or annotation value.
 */
class DiagnosticsTest {

  static Stream<MisuseCases.Case> cases() {
    return MisuseCases.of(MisuseCases.Path.COMPILE).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void misuseIsAnErrorOnTheOffendingElement(MisuseCases.Case misuse) {
    List<JavaFileObject> sources = new ArrayList<>();
    JavaFileObject file = null;
    for (Map.Entry<String, List<String>> source : misuse.sources().entrySet()) {
      JavaFileObject object =
          JavaFileObjects.forSourceLines("test." + source.getKey(), source.getValue());
      sources.add(object);
      if (source.getKey().equals(misuse.file())) {
        file = object;
      }
    }

    Compilation compilation =
        javac()
            .withProcessors(new CachalotProcessor())
            .withOptions("-Xlint:all,-processing")
            .compile(sources);

    String id = "[" + Message.valueOf(misuse.message()).id() + "]";
    if (misuse.warning()) {
      assertThat(compilation).succeeded();
      assertThat(compilation).hadWarningContaining(id).inFile(file).onLineContaining(misuse.line());
      for (String text : misuse.texts()) {
        assertThat(compilation).hadWarningContaining(text);
      }
      return;
    }
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(misuse.errors());
    if (misuse.line() != null) {
      assertThat(compilation).hadErrorContaining(id).inFile(file).onLineContaining(misuse.line());
    } else {
      assertThat(compilation).hadErrorContaining(id);
    }
    for (String text : misuse.texts()) {
      assertThat(compilation).hadErrorContaining(text);
    }
  }

  @Test
  void everyMessageHasACase() {
    Set<Message> covered = EnumSet.noneOf(Message.class);
    cases().forEach(misuse -> covered.add(Message.valueOf(misuse.message())));
    Set<Message> missing = EnumSet.complementOf(EnumSet.copyOf(covered));
    // A crash of the processor itself, which no source triggers on purpose.
    missing.remove(Message.UNEXPECTED);
    // Only the run-time fallback can lack parameter names, or be asked to decorate a generic
    // interface (the processor decorates it through the sub-interfaces that bind it).
    missing.remove(Message.PARAMETER_NAMES_MISSING);
    missing.remove(Message.GENERIC_INTERFACE);
    assertThat(missing).as("messages without a compile-time case").isEmpty();
  }
}
