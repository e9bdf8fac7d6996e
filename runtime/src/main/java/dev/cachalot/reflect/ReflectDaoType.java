package dev.cachalot.reflect;

import dev.cachalot.rules.element.AnnotationRef;
import dev.cachalot.rules.element.DaoMethod;
import dev.cachalot.rules.element.DaoType;
import dev.cachalot.rules.element.Site;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;

/** A class or interface as the port sees it, read by reflection and from its class file. */
final class ReflectDaoType implements DaoType {

  private final Class<?> type;
  private final ClassFileFacts facts;

  private ReflectDaoType(Class<?> type) {
    this.type = type;
    this.facts = ClassFileFacts.of(type);
  }

  static ReflectDaoType of(Class<?> type) {
    return new ReflectDaoType(type);
  }

  /** The reflected class. */
  Class<?> type() {
    return type;
  }

  @Override
  public Kind kind() {
    if (type.isAnnotation()) {
      return Kind.ANNOTATION_TYPE;
    }
    if (type.isInterface()) {
      return Kind.INTERFACE;
    }
    if (type.isEnum()) {
      return Kind.ENUM;
    }
    return type.isRecord() ? Kind.RECORD : Kind.CLASS;
  }

  @Override
  public String simpleName() {
    return type.getSimpleName();
  }

  @Override
  public String qualifiedName() {
    return type.getCanonicalName() != null ? type.getCanonicalName() : type.getName();
  }

  @Override
  public String packageName() {
    return type.getPackageName();
  }

  @Override
  public List<String> enclosingSimpleNames() {
    List<String> names = new ArrayList<>();
    for (Class<?> outer = type.getEnclosingClass();
        outer != null;
        outer = outer.getEnclosingClass()) {
      names.add(0, outer.getSimpleName());
    }
    return names;
  }

  @Override
  public boolean isPrivate() {
    return Modifier.isPrivate(type.getModifiers());
  }

  @Override
  public List<String> typeParameters() {
    List<String> names = new ArrayList<>();
    for (TypeVariable<?> variable : type.getTypeParameters()) {
      names.add(variable.getName());
    }
    return names;
  }

  @Override
  public List<AnnotationRef> annotations() {
    return ReflectAnnotation.of(
        type.getAnnotations(), facts, "", "@CacheDefaults on " + simpleName());
  }

  /**
   * The methods the type declares, in the order of its class file, which is the order of the source
   * (reflection promises no order); bridges and synthetic methods are the compiler's.
   */
  @Override
  public List<DaoMethod> declaredMethods(DaoType viewedFrom) {
    TypeResolver resolver = TypeResolver.of(((ReflectDaoType) viewedFrom).type);
    List<Method> methods = new ArrayList<>();
    for (Method method : type.getDeclaredMethods()) {
      if (!method.isSynthetic() && !method.isBridge()) {
        methods.add(method);
      }
    }
    methods.sort(Comparator.comparingInt(method -> facts.position(nameAndDescriptor(method))));
    List<DaoMethod> declared = new ArrayList<>();
    for (Method method : methods) {
      declared.add(new ReflectMethod(method, this, resolver, facts, nameAndDescriptor(method)));
    }
    return declared;
  }

  private static String nameAndDescriptor(Method method) {
    MethodDescription description = new MethodDescription.ForLoadedMethod(method);
    return description.getInternalName() + description.getDescriptor();
  }

  @Override
  public List<DaoType> superinterfaces() {
    List<DaoType> parents = new ArrayList<>();
    for (Class<?> parent : type.getInterfaces()) {
      parents.add(new ReflectDaoType(parent));
    }
    return parents;
  }

  @Override
  public Site site() {
    return new ReflectSite(simpleName());
  }

  @Override
  public String toString() {
    return type.getName() + Arrays.toString(type.getTypeParameters());
  }
}
