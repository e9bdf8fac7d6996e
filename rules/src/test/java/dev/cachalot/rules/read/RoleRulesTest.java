package dev.cachalot.rules.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.annotations.Strategy;
import dev.cachalot.rules.plan.Role;
import dev.cachalot.rules.plan.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The role table of DESIGN.md, on method shapes alone: the one piece of logic the processor and the
 * run-time fallback share, so each row is pinned here once.
 */
class RoleRulesTest {

  /** A method shape from parameter names and types; "Key:"/"Value:" prefixes mark the markers. */
  private record FakeShape(
      String returns, Map<String, String> types, List<RoleRules.Parameter> parameters)
      implements RoleRules.Shape {

    static FakeShape of(String returns, String... parameters) {
      List<RoleRules.Parameter> list = new ArrayList<>();
      Map<String, String> types = new java.util.LinkedHashMap<>();
      for (String parameter : parameters) {
        String[] typeAndName = parameter.replace("Key:", "").replace("Value:", "").split(" ");
        types.put(typeAndName[1], typeAndName[0]);
        list.add(
            new RoleRules.Parameter(
                typeAndName[1], parameter.startsWith("Key:"), parameter.startsWith("Value:")));
      }
      return new FakeShape(returns, types, list);
    }

    @Override
    public String describe() {
      return "Dao.m()";
    }

    @Override
    public String name() {
      return "m";
    }

    @Override
    public boolean returnsVoid() {
      return returns.equals("void");
    }

    @Override
    public String returnTypeName() {
      return returns;
    }

    @Override
    public boolean returnsTypeOf(String parameter) {
      return returns.equals(types.get(parameter));
    }

    @Override
    public String typeNameOf(String parameter) {
      return parameter == null ? returns : types.get(parameter);
    }

    @Override
    public boolean returnsStatus() {
      return List.of("boolean", "int", "long").contains(returns);
    }
  }

  private final List<String> problems = new ArrayList<>();

  private RoleRules.Inference infer(Strategy strategy, FakeShape shape) {
    return RoleRules.infer(
        strategy,
        "c",
        shape,
        "",
        null,
        false,
        (where, message, arguments) -> problems.add(message.name()));
  }

  @Test
  void aMethodThatReturnsAValueIsARead() {
    RoleRules.Inference read = infer(Strategy.CACHE_ASIDE, FakeShape.of("Product", "long id"));
    assertThat(read.role()).isEqualTo(Role.READ);
    assertThat(read.keyParameters()).containsExactly("id");
  }

  @Test
  void aCacheValueParameterMakesAWriteKeyedByTheOthers() {
    RoleRules.Inference write =
        infer(Strategy.WRITE_THROUGH, FakeShape.of("int", "String tenant", "Value:Product p"));
    assertThat(write.role()).isEqualTo(Role.WRITE);
    assertThat(write.valueParameter()).isEqualTo("p");
    assertThat(write.keyParameters()).containsExactly("tenant");
    assertThat(write.writeResult()).isEqualTo(WriteResult.OTHER);
  }

  @Test
  void aMethodReturningTheTypeOfItsOneNonKeyParameterIsAWriteOfIt() {
    RoleRules.Inference write =
        infer(Strategy.WRITE_THROUGH, FakeShape.of("Session", "Key:String token", "Session s"));
    assertThat(write.role()).isEqualTo(Role.WRITE);
    assertThat(write.valueParameter()).isEqualTo("s");
    assertThat(write.writeResult()).isEqualTo(WriteResult.VALUE);
  }

  @Test
  void aVoidMethodWithTheKeyAndOneMoreParameterIsAWrite() {
    RoleRules.Inference write =
        infer(Strategy.WRITE_BEHIND, FakeShape.of("void", "Key:long id", "Event e"));
    assertThat(write.role()).isEqualTo(Role.WRITE);
    assertThat(write.valueParameter()).isEqualTo("e");
  }

  @Test
  void aVoidMethodOfKeyPartsOnlyIsADelete() {
    assertThat(infer(Strategy.CACHE_ASIDE, FakeShape.of("void", "long id")).role())
        .isEqualTo(Role.DELETE);
    assertThat(
            infer(Strategy.CACHE_ASIDE, FakeShape.of("void", "Key:String t", "Key:long id")).role())
        .isEqualTo(Role.DELETE);
  }

  @Test
  void aVoidMethodOfSeveralUnmarkedParametersIsAmbiguous() {
    assertThat(infer(Strategy.CACHE_ASIDE, FakeShape.of("void", "long id", "Product p"))).isNull();
    assertThat(problems).containsExactly("AMBIGUOUS_VALUE");
  }

  @Test
  void aWriteBehindWriteThatReturnsAValueIsRejected() {
    assertThat(infer(Strategy.WRITE_BEHIND, FakeShape.of("int", "Key:long id", "Value:Event e")))
        .isNull();
    assertThat(problems).containsExactly("WRITE_BEHIND_RETURNS_VALUE");
  }

  @Test
  void aReadWithoutParametersReadsTheSingleEntry() {
    RoleRules.Inference read = infer(Strategy.CACHE_ASIDE, FakeShape.of("List<Region>"));

    assertThat(read.role()).isEqualTo(Role.READ);
    assertThat(read.keyParameters()).isEmpty();
    assertThat(infer(Strategy.CACHE_ASIDE, FakeShape.of("int")).role()).isEqualTo(Role.READ);
  }

  @Test
  void aFlagOrCountBesidesTheKeyIsAnAmbiguousWriteNotARead() {
    assertThat(infer(Strategy.CACHE_ASIDE, FakeShape.of("int", "Key:long id", "Product p")))
        .isNull();
    assertThat(infer(Strategy.WRITE_THROUGH, FakeShape.of("boolean", "Key:long id", "String n")))
        .isNull();
    assertThat(problems).containsExactly("AMBIGUOUS_WRITE", "AMBIGUOUS_WRITE");
    assertThat(infer(Strategy.CACHE_ASIDE, FakeShape.of("int", "long id")).role())
        .as("a count read by its key")
        .isEqualTo(Role.READ);
  }

  @Test
  void resultIsAllowedOnlyInAWriteThroughWriteThatReturnsTheValue() {
    List<RoleRules.KeyPart> result = List.of(new RoleRules.KeyPart("result", false));
    RoleRules.Inference created =
        RoleRules.infer(
            Strategy.WRITE_THROUGH,
            "sessions",
            FakeShape.of("Session", "String user"),
            "result.token",
            result,
            true,
            (where, message, arguments) -> problems.add(message.name()));
    assertThat(created.role()).isEqualTo(Role.WRITE);
    assertThat(created.valueParameter()).isNull();
    assertThat(created.writeResult()).isEqualTo(WriteResult.VALUE);

    assertThat(
            RoleRules.infer(
                Strategy.CACHE_ASIDE,
                "sessions",
                FakeShape.of("Session", "String user"),
                "result.token",
                result,
                true,
                (where, message, arguments) -> problems.add(message.name())))
        .isNull();
    assertThat(problems).containsExactly("KEY_RESULT_NOT_ALLOWED");
  }
}
