package dev.cachalot.processor.validation;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The diagnostics found while reading and validating one interface, each attached to the element,
 * and where known the annotation and the annotation value, it is about. Not thread-safe.
 */
public final class Report {

  /** One diagnostic. */
  public record Entry(
      Message message,
      String text,
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value) {}

  private final List<Entry> errors = new ArrayList<>();

  /** Records an error on {@code element}. */
  public void error(Message message, Element element, Object... arguments) {
    error(message, element, null, null, arguments);
  }

  /** Records an error on an annotation of {@code element}, and on one of its values if given. */
  public void error(
      Message message,
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      Object... arguments) {
    errors.add(new Entry(message, message.format(arguments), element, annotation, value));
  }

  /** Whether any error was recorded. */
  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** The errors, in the order they were found. */
  public List<Entry> errors() {
    return List.copyOf(errors);
  }

  /** Prints every error to {@code messager}. */
  public void printTo(Messager messager) {
    for (Entry entry : errors) {
      messager.printMessage(
          Diagnostic.Kind.ERROR, entry.text(), entry.element(), entry.annotation(), entry.value());
    }
  }
}
