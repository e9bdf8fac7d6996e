package dev.cachalot.processor.javac;

import dev.cachalot.rules.element.AnnotationRef;
import dev.cachalot.rules.element.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/** An annotation mirror on an element. */
final class JavacAnnotation implements AnnotationRef {

  private final AnnotationMirror mirror;
  private final Element owner;
  private final JavacEnvironment env;

  JavacAnnotation(AnnotationMirror mirror, Element owner, JavacEnvironment env) {
    this.mirror = mirror;
    this.owner = owner;
    this.env = env;
  }

  @Override
  public String qualifiedName() {
    return JavacAnnotations.qualifiedName(mirror);
  }

  @Override
  public String simpleName() {
    return mirror.getAnnotationType().asElement().getSimpleName().toString();
  }

  @Override
  public Object value(String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        env.elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(attribute)) {
        return unwrap(entry.getValue().getValue());
      }
    }
    throw new IllegalArgumentException(qualifiedName() + " has no attribute " + attribute);
  }

  private Object unwrap(Object value) {
    if (value instanceof List<?> values) {
      List<Object> unwrapped = new ArrayList<>();
      for (Object element : values) {
        Object inner = ((AnnotationValue) element).getValue();
        unwrapped.add(
            inner instanceof AnnotationMirror nested
                ? new JavacAnnotation(nested, owner, env)
                : unwrap(inner));
      }
      return unwrapped;
    }
    return value;
  }

  @Override
  public boolean isExplicit(String attribute) {
    return explicit(attribute) != null;
  }

  private AnnotationValue explicit(String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(attribute)) {
        return entry.getValue();
      }
    }
    return null;
  }

  @Override
  public Site site() {
    return new JavacSite(owner, mirror, null);
  }

  @Override
  public Site site(String attribute) {
    return new JavacSite(owner, mirror, explicit(attribute));
  }

  @Override
  public String toString() {
    return mirror.toString();
  }
}
