package dev.cachalot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cachalot.misuse.MisuseCases;
import dev.cachalot.rules.diagnostic.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The misuse cases the processor's suite runs ({@code misuse-cases.txt} of cachalot-rules), found
 * at {@link Cachalot#decorate} time by the decorator built at run time: each case's source is
 * compiled without the processor, and decorate() must fail with a {@link CachalotException} that
 * names the interface and carries the same message (id and text) as the javac error. Only the site
 * in front of the text differs (a method and attribute instead of a line).
 */
class MisuseCasesTest {

  @TempDir Path dir;

  private final Cachalot cachalot = Cachalot.inMemory();
  private TestCompiler compiler;

  @AfterEach
  void close() throws IOException {
    cachalot.close();
    if (compiler != null) {
      compiler.close();
    }
  }

  static Stream<MisuseCases.Case> cases() {
    return MisuseCases.of(MisuseCases.Path.RUN).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void misuseIsRefusedByDecorate(MisuseCases.Case misuse) {
    compiler = new TestCompiler(dir);
    Class<?> dao = compiler.load(misuse.dao(), misuse.sources(), misuse.parameterNames());

    Throwable thrown =
        catchThrowable(
            () -> TestCompiler.decorate(cachalot, dao, TestCompiler.unusedDelegate(dao)));
    if (misuse.warning()) {
      assertThat(thrown).as("a warning does not stop the decorator").isNull();
      return;
    }

    assertThat(thrown).isExactlyInstanceOf(CachalotException.class);
    String header = "Cachalot cannot decorate " + dao.getName() + " at run time:";
    assertThat(thrown.getMessage()).startsWith(header + "\n");
    List<String> problems =
        Arrays.stream(thrown.getMessage().substring(header.length() + 1).split("\n"))
            .map(String::strip)
            .collect(Collectors.toList());
    assertThat(problems).as("the problems reported").hasSize(misuse.errors());
    String id = "[" + Message.valueOf(misuse.message()).id() + "]";
    String problem =
        problems.stream().filter(p -> p.contains(id)).findFirst().orElseThrow(AssertionError::new);
    assertThat(problem).as("a site, then the message").containsPattern("^\\S[^\n]*?: \\[CACHALOT-");
    for (String text : misuse.texts()) {
      assertThat(thrown.getMessage()).contains(text);
    }
  }

  @Test
  void everyMessageThatDecorateCanReportHasACase() {
    Set<Message> covered = EnumSet.noneOf(Message.class);
    cases().forEach(misuse -> covered.add(Message.valueOf(misuse.message())));
    Set<Message> missing = EnumSet.complementOf(EnumSet.copyOf(covered));
    // Only the processor reports these: its own crash, a type that never appears in a round, and
    // an annotated class (decorate() takes interfaces only; see DynamicFallbackTest).
    missing.removeAll(
        EnumSet.of(Message.UNEXPECTED, Message.UNRESOLVED_TYPES, Message.NOT_AN_INTERFACE));
    assertThat(missing).as("messages without a run-time case").isEmpty();
  }
}
