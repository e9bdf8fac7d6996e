package dev.cachalot.processor.javac;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** The compiler's utilities that the adapter answers the port's questions with. */
public final class JavacEnvironment {

  final Types types;
  final Elements elements;

  public JavacEnvironment(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
  }

  /** The port's view of {@code type}, an interface or a misuse of Cachalot's annotations. */
  public JavacDaoType dao(TypeElement type) {
    return new JavacDaoType(type, this);
  }

  JavacTypeRef type(TypeMirror mirror) {
    return new JavacTypeRef(mirror, this);
  }

  /** The simple names of {@code elements}, in order. */
  static List<String> names(List<? extends Element> elements) {
    List<String> names = new ArrayList<>();
    for (Element element : elements) {
      names.add(element.getSimpleName().toString());
    }
    return names;
  }
}
