package dev.cachalot.processor.writer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.cachalot.rules.DecoratorNames;
import java.time.Duration;
import java.util.List;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/** Writes types and durations as Java expressions for the generated constructor. */
final class TypeLiterals {

  private static final ClassName TYPES = ClassName.bestGuess(DecoratorNames.TYPES);

  private final Types types;

  TypeLiterals(Types types) {
    this.types = types;
  }

  /**
   * An expression of type {@code java.lang.reflect.Type} for {@code type}: {@code Product.class},
   * or {@code Types.parameterized(List.class, Product.class)} for a generic type.
   */
  CodeBlock of(TypeMirror type) {
    switch (type.getKind()) {
      case DECLARED -> {
        List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
        if (arguments.isEmpty()) {
          return classLiteral(type);
        }
        CodeBlock.Builder code =
            CodeBlock.builder().add("$T.parameterized($L", TYPES, classLiteral(type));
        for (TypeMirror argument : arguments) {
          code.add(", $L", of(argument));
        }
        return code.add(")").build();
      }
      case WILDCARD -> {
        TypeMirror bound = ((WildcardType) type).getExtendsBound();
        return bound == null ? CodeBlock.of("$T.class", Object.class) : of(bound);
      }
      case TYPEVAR -> {
        return of(((TypeVariable) type).getUpperBound());
      }
      default -> {
        return classLiteral(type);
      }
    }
  }

  /** {@code Product.class} for the erasure of {@code type}. */
  CodeBlock classLiteral(TypeMirror type) {
    TypeMirror erased = types.erasure(type);
    if (erased.getKind() == TypeKind.INTERSECTION) {
      return CodeBlock.of("$T.class", Object.class);
    }
    return CodeBlock.of("$T.class", TypeName.get(erased));
  }

  /** {@code Duration.ofMinutes(10)}, in the largest unit that states {@code duration} exactly. */
  static CodeBlock duration(Duration duration) {
    long seconds = duration.getSeconds();
    if (duration.getNano() == 0) {
      if (seconds % 86_400 == 0) {
        return CodeBlock.of("$T.ofDays($L)", Duration.class, seconds / 86_400);
      }
      if (seconds % 3_600 == 0) {
        return CodeBlock.of("$T.ofHours($L)", Duration.class, seconds / 3_600);
      }
      if (seconds % 60 == 0) {
        return CodeBlock.of("$T.ofMinutes($L)", Duration.class, seconds / 60);
      }
      return CodeBlock.of("$T.ofSeconds($L)", Duration.class, seconds);
    }
    if (duration.getNano() % 1_000_000 == 0) {
      return CodeBlock.of("$T.ofMillis($L)", Duration.class, duration.toMillis());
    }
    return CodeBlock.of("$T.ofNanos($L)", Duration.class, duration.toNanos());
  }
}
