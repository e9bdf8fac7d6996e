package dev.cachalot.processor.javac;

import dev.cachalot.rules.element.AnnotationRef;
import dev.cachalot.rules.element.DaoMethod;
import dev.cachalot.rules.element.DaoParameter;
import dev.cachalot.rules.element.Site;
import dev.cachalot.rules.element.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;

/** A method element, with its types as a member of the decorated interface. */
public final class JavacMethod implements DaoMethod {

  private final ExecutableElement element;
  private final DeclaredType viewedFrom;
  private final ExecutableType type;
  private final JavacDaoType declaringType;
  private final JavacEnvironment env;

  JavacMethod(
      ExecutableElement element,
      DeclaredType viewedFrom,
      JavacDaoType declaringType,
      JavacEnvironment env) {
    this.element = element;
    this.viewedFrom = viewedFrom;
    this.type =
        element.getModifiers().contains(Modifier.STATIC)
            ? (ExecutableType) element.asType()
            : (ExecutableType) env.types.asMemberOf(viewedFrom, element);
    this.declaringType = declaringType;
    this.env = env;
  }

  /** The method element, for the writer. */
  public ExecutableElement element() {
    return element;
  }

  /** The decorated interface as a type, for the writer's {@code @Override}. */
  public DeclaredType viewedFrom() {
    return viewedFrom;
  }

  @Override
  public String name() {
    return element.getSimpleName().toString();
  }

  @Override
  public JavacDaoType declaringType() {
    return declaringType;
  }

  @Override
  public boolean isStatic() {
    return element.getModifiers().contains(Modifier.STATIC);
  }

  @Override
  public boolean isPrivate() {
    return element.getModifiers().contains(Modifier.PRIVATE);
  }

  @Override
  public boolean isDefault() {
    return element.getModifiers().contains(Modifier.DEFAULT);
  }

  @Override
  public boolean isDeprecated() {
    return env.elements.isDeprecated(element);
  }

  @Override
  public boolean isVarArgs() {
    return element.isVarArgs();
  }

  @Override
  public List<String> typeParameters() {
    return JavacEnvironment.names(element.getTypeParameters());
  }

  @Override
  public List<DaoParameter> parameters() {
    List<DaoParameter> parameters = new ArrayList<>();
    for (int i = 0; i < element.getParameters().size(); i++) {
      parameters.add(
          new JavacParameter(
              element.getParameters().get(i), env.type(type.getParameterTypes().get(i)), env));
    }
    return parameters;
  }

  @Override
  public TypeRef returnType() {
    return env.type(type.getReturnType());
  }

  @Override
  public List<TypeRef> thrownTypes() {
    List<TypeRef> thrown = new ArrayList<>();
    for (TypeMirror exception : type.getThrownTypes()) {
      thrown.add(env.type(exception));
    }
    return thrown;
  }

  @Override
  public List<AnnotationRef> annotations() {
    return JavacAnnotations.of(element, env);
  }

  @Override
  public String erasedSignature() {
    StringBuilder signature = new StringBuilder(name()).append('(');
    List<? extends TypeMirror> parameters = type.getParameterTypes();
    for (int i = 0; i < parameters.size(); i++) {
      signature.append(i == 0 ? "" : ",").append(erasedName(parameters.get(i)));
    }
    return signature.append(')').toString();
  }

  /**
   * The erased type's name without type annotations ({@code @Nullable String} is {@code
   * java.lang.String}), as the reflection adapter names it: annotations must not change the
   * signature, which names the method in durable write-behind logs.
   */
  private String erasedName(TypeMirror type) {
    TypeMirror erased = env.types.erasure(type);
    if (erased instanceof ArrayType array) {
      return erasedName(array.getComponentType()) + "[]";
    }
    if (erased instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement element) {
      return element.getQualifiedName().toString();
    }
    return erased.getKind().isPrimitive()
        ? erased.getKind().name().toLowerCase(Locale.ROOT)
        : erased.toString();
  }

  @Override
  public Site site() {
    return JavacSite.of(element);
  }

  @Override
  public String toString() {
    return declaringType.simpleName() + "." + element;
  }
}
