package dev.cachalot.processor.javac;

import dev.cachalot.rules.element.AnnotationRef;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/** Finds Cachalot's annotations on elements. */
final class JavacAnnotations {

  private static final String PACKAGE = "dev.cachalot.annotations.";

  private JavacAnnotations() {}

  /** The annotations of Cachalot's package on {@code element}, in order. */
  static List<AnnotationRef> of(Element element, JavacEnvironment env) {
    List<AnnotationRef> found = new ArrayList<>();
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (qualifiedName(mirror).startsWith(PACKAGE)) {
        found.add(new JavacAnnotation(mirror, element, env));
      }
    }
    return found;
  }

  static String qualifiedName(AnnotationMirror mirror) {
    return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
  }
}
