package dev.cachalot.processor.javac;

import dev.cachalot.rules.element.MemberRef;
import dev.cachalot.rules.element.TypeRef;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeMirror;

/** A record component accessor, method or field that a key path may use. */
final class JavacMember implements MemberRef {

  private final Kind kind;
  private final Element element;
  private final TypeMirror type;
  private final JavacEnvironment env;

  JavacMember(Kind kind, Element element, TypeMirror type, JavacEnvironment env) {
    this.kind = kind;
    this.element = element;
    this.type = type;
    this.env = env;
  }

  @Override
  public Kind kind() {
    return kind;
  }

  @Override
  public String name() {
    return element.getSimpleName().toString();
  }

  @Override
  public TypeRef type() {
    return env.type(type);
  }

  @Override
  public boolean isPublic() {
    return element.getModifiers().contains(Modifier.PUBLIC);
  }

  @Override
  public boolean isPrivate() {
    return element.getModifiers().contains(Modifier.PRIVATE);
  }

  @Override
  public String packageName() {
    return env.elements.getPackageOf(element).getQualifiedName().toString();
  }
}
