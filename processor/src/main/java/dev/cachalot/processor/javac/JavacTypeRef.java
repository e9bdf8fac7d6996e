package dev.cachalot.processor.javac;

import dev.cachalot.rules.element.MemberRef;
import dev.cachalot.rules.element.TypeRef;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;

/** A type mirror as the port sees it. */
public final class JavacTypeRef implements TypeRef {

  private final TypeMirror mirror;
  private final JavacEnvironment env;

  JavacTypeRef(TypeMirror mirror, JavacEnvironment env) {
    this.mirror = mirror;
    this.env = env;
  }

  /** The type mirror, for the writer. */
  public TypeMirror mirror() {
    return mirror;
  }

  @Override
  public Kind kind() {
    TypeKind kind = mirror.getKind();
    if (kind.isPrimitive()) {
      return Kind.PRIMITIVE;
    }
    return switch (kind) {
      case VOID -> Kind.VOID;
      case DECLARED -> Kind.DECLARED;
      case ARRAY -> Kind.ARRAY;
      case TYPEVAR -> Kind.TYPE_VARIABLE;
      case WILDCARD -> Kind.WILDCARD;
      case ERROR -> Kind.ERROR;
      default -> Kind.OTHER;
    };
  }

  @Override
  public TypeRef boxed() {
    return mirror.getKind().isPrimitive()
        ? env.type(env.types.boxedClass((PrimitiveType) mirror).asType())
        : this;
  }

  @Override
  public boolean isSameType(TypeRef other) {
    return env.types.isSameType(mirror, ((JavacTypeRef) other).mirror);
  }

  @Override
  public boolean isAssignableTo(TypeRef target) {
    return env.types.isAssignable(mirror, ((JavacTypeRef) target).mirror);
  }

  @Override
  public String erasureName() {
    TypeMirror bound = ((JavacTypeRef) upperBound()).mirror;
    TypeMirror erased = env.types.erasure(bound);
    if (erased.getKind() == TypeKind.DECLARED) {
      return ((TypeElement) env.types.asElement(erased)).getQualifiedName().toString();
    }
    return erased.toString();
  }

  @Override
  public String simpleName() {
    TypeMirror bound = ((JavacTypeRef) upperBound()).mirror;
    if (bound.getKind() == TypeKind.DECLARED) {
      return env.types.asElement(bound).getSimpleName().toString();
    }
    return env.types.erasure(bound).toString();
  }

  @Override
  public List<TypeRef> typeArguments() {
    List<TypeRef> arguments = new ArrayList<>();
    if (mirror.getKind() == TypeKind.DECLARED) {
      for (TypeMirror argument : ((DeclaredType) mirror).getTypeArguments()) {
        arguments.add(env.type(argument));
      }
    }
    return arguments;
  }

  @Override
  public TypeRef upperBound() {
    TypeMirror current = mirror;
    while (true) {
      if (current.getKind() == TypeKind.TYPEVAR) {
        current = ((TypeVariable) current).getUpperBound();
      } else if (current.getKind() == TypeKind.WILDCARD) {
        TypeMirror bound = ((WildcardType) current).getExtendsBound();
        current = bound != null ? bound : env.elements.getTypeElement("java.lang.Object").asType();
      } else {
        return current == mirror ? this : env.type(current);
      }
    }
  }

  @Override
  public TypeRef lowerBound() {
    if (mirror.getKind() != TypeKind.WILDCARD) {
      return null;
    }
    TypeMirror bound = ((WildcardType) mirror).getSuperBound();
    return bound == null ? null : env.type(bound);
  }

  @Override
  public TypeRef componentType() {
    return mirror.getKind() == TypeKind.ARRAY
        ? env.type(((ArrayType) mirror).getComponentType())
        : null;
  }

  @Override
  public List<MemberRef> properties() {
    List<MemberRef> properties = new ArrayList<>();
    if (mirror.getKind() != TypeKind.DECLARED) {
      return properties;
    }
    DeclaredType owner = (DeclaredType) mirror;
    TypeElement type = (TypeElement) owner.asElement();
    if (type.getKind() == ElementKind.RECORD) {
      for (RecordComponentElement component : type.getRecordComponents()) {
        ExecutableElement accessor = component.getAccessor();
        properties.add(
            new JavacMember(
                MemberRef.Kind.RECORD_COMPONENT, accessor, returnType(owner, accessor), env));
      }
    }
    List<? extends Element> members = env.elements.getAllMembers(type);
    for (ExecutableElement method : ElementFilter.methodsIn(members)) {
      if (method.getParameters().isEmpty()
          && method.getTypeParameters().isEmpty()
          && method.getReturnType().getKind() != TypeKind.VOID
          && !method.getModifiers().contains(Modifier.STATIC)) {
        properties.add(
            new JavacMember(MemberRef.Kind.METHOD, method, returnType(owner, method), env));
      }
    }
    for (VariableElement field : ElementFilter.fieldsIn(members)) {
      if (!field.getModifiers().contains(Modifier.STATIC)) {
        properties.add(
            new JavacMember(MemberRef.Kind.FIELD, field, env.types.asMemberOf(owner, field), env));
      }
    }
    return properties;
  }

  private TypeMirror returnType(DeclaredType owner, ExecutableElement method) {
    return ((ExecutableType) env.types.asMemberOf(owner, method)).getReturnType();
  }

  @Override
  public boolean hasValueEquality() {
    if (mirror.getKind() != TypeKind.DECLARED) {
      return mirror.getKind() != TypeKind.ARRAY;
    }
    TypeElement type = (TypeElement) env.types.asElement(mirror);
    if (type.getKind() != ElementKind.CLASS) {
      return true; // records, enums, interfaces
    }
    for (TypeElement current = type;
        current != null && !current.getQualifiedName().contentEquals("java.lang.Object");
        current = superclass(current)) {
      for (ExecutableElement method : ElementFilter.methodsIn(current.getEnclosedElements())) {
        if (method.getSimpleName().contentEquals("equals")
            && method.getParameters().size() == 1
            && !method.getModifiers().contains(Modifier.STATIC)
            && env.types.isSameType(
                env.types.erasure(method.getParameters().get(0).asType()),
                env.elements.getTypeElement("java.lang.Object").asType())) {
          return true;
        }
      }
    }
    return false;
  }

  private TypeElement superclass(TypeElement type) {
    TypeMirror parent = type.getSuperclass();
    return parent.getKind() == TypeKind.DECLARED ? (TypeElement) env.types.asElement(parent) : null;
  }

  @Override
  public String toString() {
    return mirror.toString();
  }
}
