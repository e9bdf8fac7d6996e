package dev.cachalot.processor.validation;

import dev.cachalot.rules.Message;
import dev.cachalot.rules.Problems;
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
public final class Report implements Problems<Site> {

  /** One diagnostic. */
  public record Entry(Message message, String text, Site site) {}

  private final List<Entry> errors = new ArrayList<>();

  @Override
  public void report(Site site, Message message, Object... arguments) {
    errors.add(new Entry(message, message.format(arguments), site));
  }

  /** Records an error on {@code element}. */
  public void error(Message message, Element element, Object... arguments) {
    report(Site.of(element), message, arguments);
  }

  /** Records an error on an annotation of {@code element}, and on one of its values if given. */
  public void error(
      Message message,
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      Object... arguments) {
    report(new Site(element, annotation, value), message, arguments);
  }

  /** Whether any error was recorded. */
  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** How many errors were recorded. */
  public int errorCount() {
    return errors.size();
  }

  /** Prints every error to {@code messager}. */
  public void printTo(Messager messager) {
    for (Entry entry : errors) {
      Site site = entry.site();
      messager.printMessage(
          Diagnostic.Kind.ERROR, entry.text(), site.element(), site.annotation(), site.value());
    }
  }
}
