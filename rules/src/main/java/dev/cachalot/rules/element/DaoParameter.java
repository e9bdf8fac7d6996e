package dev.cachalot.rules.element;

import java.util.List;

/** A parameter of a {@link DaoMethod}. */
public interface DaoParameter {

  /** Its name; {@code arg0}, {@code arg1}... when {@link #isNamePresent()} is false. */
  String name();

  /**
   * Whether its name is known: always at compile time; at run time only when the interface was
   * compiled with {@code -parameters}.
   */
  boolean isNamePresent();

  TypeRef type();

  /** The annotations of Cachalot's package on the parameter, in order. */
  List<AnnotationRef> annotations();

  /** The parameter itself, for diagnostics. */
  Site site();
}
