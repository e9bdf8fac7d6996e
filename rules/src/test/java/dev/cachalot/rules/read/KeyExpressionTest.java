package dev.cachalot.rules.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyExpressionTest {

  @Test
  void partsAreCommaSeparatedPathsOfSteps() {
    assertThat(KeyExpression.parse("id")).containsExactly(List.of("id"));
    assertThat(KeyExpression.parse("product.owner.id"))
        .containsExactly(List.of("product", "owner", "id"));
    assertThat(KeyExpression.parse(" tenant ,  product.id"))
        .containsExactly(List.of("tenant"), List.of("product", "id"));
    assertThat(KeyExpression.parse("result.token")).containsExactly(List.of("result", "token"));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {"", "id,", ",id", "product.", ".id", "product..id", "pro duct", "id()", "1d"})
  void anythingElseIsMalformed(String expression) {
    assertThat(KeyExpression.parse(expression)).isNull();
  }

  @Test
  void anUnknownResultSaysWhereResultIsAllowed() {
    assertThat(KeyExpression.unknownRootHint("result")).contains("write-through write");
    assertThat(KeyExpression.unknownRootHint("id")).isEmpty();
  }
}
