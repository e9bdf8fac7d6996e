package dev.cachalot.processor.javac;

import dev.cachalot.rules.element.AnnotationRef;
import dev.cachalot.rules.element.DaoParameter;
import dev.cachalot.rules.element.Site;
import dev.cachalot.rules.element.TypeRef;
import java.util.List;
import javax.lang.model.element.VariableElement;

/** A parameter element, with its type as a member of the decorated interface. */
final class JavacParameter implements DaoParameter {

  private final VariableElement element;
  private final TypeRef type;
  private final JavacEnvironment env;

  JavacParameter(VariableElement element, TypeRef type, JavacEnvironment env) {
    this.element = element;
    this.type = type;
    this.env = env;
  }

  @Override
  public String name() {
    return element.getSimpleName().toString();
  }

  @Override
  public boolean isNamePresent() {
    return true;
  }

  @Override
  public TypeRef type() {
    return type;
  }

  @Override
  public List<AnnotationRef> annotations() {
    return JavacAnnotations.of(element, env);
  }

  @Override
  public Site site() {
    return JavacSite.of(element);
  }
}
