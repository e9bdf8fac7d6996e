package dev.cachalot.reflect;

import dev.cachalot.reflect.ClassFileFacts.AnnotationFacts;
import dev.cachalot.rules.element.AnnotationRef;
import dev.cachalot.rules.element.Site;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An annotation read by reflection, with what its class file says was written (see {@link
 * ClassFileFacts}).
 */
final class ReflectAnnotation implements AnnotationRef {

  private static final String PACKAGE = "dev.cachalot.annotations.";

  private final Annotation annotation;
  private final AnnotationFacts facts;
  private final String owner;

  private ReflectAnnotation(Annotation annotation, AnnotationFacts facts, String owner) {
    this.annotation = annotation;
    this.facts = facts;
    this.owner = owner;
  }

  /**
   * Cachalot's annotations among {@code annotations}, on the member {@code member} of the class
   * file {@code facts} (the empty string for the type), described in messages as {@code owner}.
   */
  static List<AnnotationRef> of(
      Annotation[] annotations, ClassFileFacts facts, String member, String owner) {
    List<AnnotationRef> found = new ArrayList<>();
    for (Annotation annotation : annotations) {
      Class<? extends Annotation> type = annotation.annotationType();
      if (type.getName().startsWith(PACKAGE)) {
        AnnotationFacts written = facts.annotation(member, descriptor(type));
        found.add(new ReflectAnnotation(annotation, facts.isKnown() ? written : null, owner));
      }
    }
    return found;
  }

  private static String descriptor(Class<?> type) {
    return "L" + type.getName().replace('.', '/') + ";";
  }

  @Override
  public String qualifiedName() {
    return annotation.annotationType().getCanonicalName();
  }

  @Override
  public String simpleName() {
    return annotation.annotationType().getSimpleName();
  }

  @Override
  public Object value(String attribute) {
    Object value = invoke(attribute);
    if (value instanceof Annotation[] nested) {
      List<AnnotationFacts> written = facts == null ? null : facts.arrays().get(attribute);
      List<AnnotationRef> values = new ArrayList<>();
      for (int i = 0; i < nested.length; i++) {
        AnnotationFacts element = written != null && i < written.size() ? written.get(i) : null;
        values.add(new ReflectAnnotation(nested[i], element, owner));
      }
      return values;
    }
    return value;
  }

  @Override
  public boolean isExplicit(String attribute) {
    if (facts != null) {
      return facts.written().contains(attribute);
    }
    try {
      Method method = annotation.annotationType().getMethod(attribute);
      return !Objects.deepEquals(invoke(attribute), method.getDefaultValue());
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(qualifiedName() + " has no attribute " + attribute, e);
    }
  }

  private Object invoke(String attribute) {
    try {
      return annotation.annotationType().getMethod(attribute).invoke(annotation);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalArgumentException(qualifiedName() + " has no attribute " + attribute, e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "reading " + attribute + " of " + annotation + " failed: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public Site site() {
    return new ReflectSite(owner + " @" + simpleName());
  }

  @Override
  public Site site(String attribute) {
    return new ReflectSite(owner + " @" + simpleName() + "(" + attribute + ")");
  }

  @Override
  public String toString() {
    return annotation.toString();
  }
}
