package dev.cachalot.reflect;

import dev.cachalot.rules.diagnostic.Names;
import dev.cachalot.rules.element.AnnotationRef;
import dev.cachalot.rules.element.DaoMethod;
import dev.cachalot.rules.element.DaoParameter;
import dev.cachalot.rules.element.Site;
import dev.cachalot.rules.element.TypeRef;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.List;

/** A reflected method, with its types as a member of the decorated interface. */
final class ReflectMethod implements DaoMethod {

  private final Method method;
  private final ReflectDaoType declaringType;
  private final TypeResolver resolver;
  private final ClassFileFacts facts;
  private final String member;

  ReflectMethod(
      Method method,
      ReflectDaoType declaringType,
      TypeResolver resolver,
      ClassFileFacts facts,
      String member) {
    this.method = method;
    this.declaringType = declaringType;
    this.resolver = resolver;
    this.facts = facts;
    this.member = member;
  }

  /** The reflected method, for the builder. */
  Method method() {
    return method;
  }

  @Override
  public String name() {
    return method.getName();
  }

  @Override
  public ReflectDaoType declaringType() {
    return declaringType;
  }

  @Override
  public boolean isStatic() {
    return Modifier.isStatic(method.getModifiers());
  }

  @Override
  public boolean isPrivate() {
    return Modifier.isPrivate(method.getModifiers());
  }

  @Override
  public boolean isDefault() {
    return method.isDefault();
  }

  @Override
  public boolean isDeprecated() {
    return method.isAnnotationPresent(Deprecated.class);
  }

  @Override
  public boolean isVarArgs() {
    return method.isVarArgs();
  }

  @Override
  public List<String> typeParameters() {
    List<String> names = new ArrayList<>();
    for (TypeVariable<?> variable : method.getTypeParameters()) {
      names.add(variable.getName());
    }
    return names;
  }

  @Override
  public List<DaoParameter> parameters() {
    List<DaoParameter> parameters = new ArrayList<>();
    Parameter[] reflected = method.getParameters();
    Type[] types = method.getGenericParameterTypes();
    for (int i = 0; i < reflected.length; i++) {
      parameters.add(
          new ReflectParameter(
              reflected[i], new ReflectTypeRef(resolver.resolve(types[i])), this, facts));
    }
    return parameters;
  }

  @Override
  public TypeRef returnType() {
    return new ReflectTypeRef(resolver.resolve(method.getGenericReturnType()));
  }

  @Override
  public List<TypeRef> thrownTypes() {
    List<TypeRef> thrown = new ArrayList<>();
    for (Type exception : method.getGenericExceptionTypes()) {
      thrown.add(new ReflectTypeRef(resolver.resolve(exception)));
    }
    return thrown;
  }

  @Override
  public List<AnnotationRef> annotations() {
    return ReflectAnnotation.of(method.getAnnotations(), facts, member, Names.method(this));
  }

  @Override
  public String erasedSignature() {
    StringBuilder signature = new StringBuilder(name()).append('(');
    Type[] types = method.getGenericParameterTypes();
    for (int i = 0; i < types.length; i++) {
      signature
          .append(i == 0 ? "" : ",")
          .append(TypeNames.of(TypeNames.erasure(resolver.resolve(types[i]))));
    }
    return signature.append(')').toString();
  }

  @Override
  public Site site() {
    return new ReflectSite(Names.method(this));
  }

  @Override
  public String toString() {
    return method.toString();
  }
}
