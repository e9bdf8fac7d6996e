package dev.cachalot.reflect;

import dev.cachalot.rules.diagnostic.Names;
import dev.cachalot.rules.element.AnnotationRef;
import dev.cachalot.rules.element.DaoParameter;
import dev.cachalot.rules.element.Site;
import dev.cachalot.rules.element.TypeRef;
import java.lang.reflect.Parameter;
import java.util.List;

/** A reflected parameter, with its type as a member of the decorated interface. */
final class ReflectParameter implements DaoParameter {

  private final Parameter parameter;
  private final TypeRef type;
  private final ReflectMethod method;
  private final ClassFileFacts facts;

  ReflectParameter(Parameter parameter, TypeRef type, ReflectMethod method, ClassFileFacts facts) {
    this.parameter = parameter;
    this.type = type;
    this.method = method;
    this.facts = facts;
  }

  @Override
  public String name() {
    return parameter.getName();
  }

  @Override
  public boolean isNamePresent() {
    return parameter.isNamePresent();
  }

  @Override
  public TypeRef type() {
    return type;
  }

  @Override
  public List<AnnotationRef> annotations() {
    // Key and CacheValue have no attributes: which were written does not matter.
    return ReflectAnnotation.of(
        parameter.getAnnotations(), facts, "", Names.method(method) + " parameter " + name());
  }

  @Override
  public Site site() {
    return new ReflectSite(Names.method(method) + " parameter " + name());
  }
}
