package dev.cachalot.processor.javac;

import dev.cachalot.rules.element.AnnotationRef;
import dev.cachalot.rules.element.DaoMethod;
import dev.cachalot.rules.element.DaoType;
import dev.cachalot.rules.element.Site;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/** A type element as the port sees it. */
public final class JavacDaoType implements DaoType {

  private final TypeElement element;
  private final JavacEnvironment env;

  JavacDaoType(TypeElement element, JavacEnvironment env) {
    this.element = element;
    this.env = env;
  }

  /** The type element, for the writer. */
  public TypeElement element() {
    return element;
  }

  @Override
  public Kind kind() {
    return switch (element.getKind()) {
      case INTERFACE -> Kind.INTERFACE;
      case ENUM -> Kind.ENUM;
      case RECORD -> Kind.RECORD;
      case ANNOTATION_TYPE -> Kind.ANNOTATION_TYPE;
      default -> Kind.CLASS;
    };
  }

  @Override
  public String simpleName() {
    return element.getSimpleName().toString();
  }

  @Override
  public String qualifiedName() {
    return element.getQualifiedName().toString();
  }

  @Override
  public String packageName() {
    return env.elements.getPackageOf(element).getQualifiedName().toString();
  }

  @Override
  public List<String> enclosingSimpleNames() {
    List<String> names = new ArrayList<>();
    for (Element outer = element.getEnclosingElement();
        outer instanceof TypeElement type;
        outer = type.getEnclosingElement()) {
      names.add(0, type.getSimpleName().toString());
    }
    return names;
  }

  @Override
  public boolean isPrivate() {
    return element.getModifiers().contains(Modifier.PRIVATE);
  }

  @Override
  public List<String> typeParameters() {
    return JavacEnvironment.names(element.getTypeParameters());
  }

  @Override
  public List<AnnotationRef> annotations() {
    return JavacAnnotations.of(element, env);
  }

  @Override
  public List<DaoMethod> declaredMethods(DaoType viewedFrom) {
    DeclaredType from = (DeclaredType) ((JavacDaoType) viewedFrom).element.asType();
    List<DaoMethod> methods = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(element.getEnclosedElements())) {
      methods.add(new JavacMethod(method, from, this, env));
    }
    return methods;
  }

  @Override
  public List<DaoType> superinterfaces() {
    List<DaoType> parents = new ArrayList<>();
    for (TypeMirror parent : element.getInterfaces()) {
      parents.add(new JavacDaoType((TypeElement) env.types.asElement(parent), env));
    }
    return parents;
  }

  @Override
  public Site site() {
    return JavacSite.of(element);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JavacDaoType that && element.equals(that.element);
  }

  @Override
  public int hashCode() {
    return element.hashCode();
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}
