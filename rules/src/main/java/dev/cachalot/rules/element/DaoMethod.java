package dev.cachalot.rules.element;

import java.util.List;

/** A method of a {@link DaoType}, with its types as members of the interface being decorated. */
public interface DaoMethod {

  String name();

  /** The type that declares the method (the decorated interface or one of its superinterfaces). */
  DaoType declaringType();

  boolean isStatic();

  boolean isPrivate();

  /** Whether it is a default method (it has a body in the interface). */
  boolean isDefault();

  boolean isDeprecated();

  boolean isVarArgs();

  /** The names of its type parameters, in order. */
  List<String> typeParameters();

  List<DaoParameter> parameters();

  TypeRef returnType();

  /** The exception types it declares, in order. */
  List<TypeRef> thrownTypes();

  /** The annotations of Cachalot's package on the method, in order, as written. */
  List<AnnotationRef> annotations();

  /**
   * The name and erased parameter types, {@code find(long)} or {@code save(com.acme.Product)}: two
   * methods with the same erased signature are one method of the interface.
   */
  String erasedSignature();

  /** The method itself, for diagnostics. */
  Site site();
}
