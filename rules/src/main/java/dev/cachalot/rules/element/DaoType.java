package dev.cachalot.rules.element;

import java.util.List;

/** A type that carries Cachalot's annotations: an interface to decorate, or a misuse of them. */
public interface DaoType {

  /** What kind of type it is; only interfaces are decorated. */
  enum Kind {
    INTERFACE,
    CLASS,
    ENUM,
    RECORD,
    ANNOTATION_TYPE
  }

  Kind kind();

  /** {@code ProductDao}. */
  String simpleName();

  /** {@code com.acme.ProductDao}, or {@code com.acme.Outer.ProductDao} for a nested one. */
  String qualifiedName();

  /** {@code com.acme}; empty for the unnamed package. */
  String packageName();

  /** The simple names of the types this one is nested in, outermost first; empty if top level. */
  List<String> enclosingSimpleNames();

  boolean isPrivate();

  /** The names of its type parameters, in order. */
  List<String> typeParameters();

  /** The annotations of Cachalot's package on the type, in order. */
  List<AnnotationRef> annotations();

  /**
   * The methods the type itself declares (static and private ones included), in source order, with
   * their types as members of {@code viewedFrom}, which is this type or an interface that extends
   * it (so that an inherited {@code T find(long id)} of {@code Base<T>} reads as {@code Product
   * find(long id)} in {@code ProductDao extends Base<Product>}).
   */
  List<DaoMethod> declaredMethods(DaoType viewedFrom);

  /** The interfaces it extends directly, in order. */
  List<DaoType> superinterfaces();

  /** The type itself, for diagnostics. */
  Site site();
}
