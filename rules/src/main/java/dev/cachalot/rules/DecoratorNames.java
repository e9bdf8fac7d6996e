package dev.cachalot.rules;

import java.util.List;

/**
 * The names both decorator builders agree on: the naming rule of generated decorators, by which
 * {@code Cachalot.decorate} finds them, and the runtime types the generated code uses, which the
 * runtime checks exist (so that the writer and the runtime cannot drift apart).
 */
public final class DecoratorNames {

  /** The package of what only generated code calls; documented as not API. */
  public static final String INTERNAL_PACKAGE = "dev.cachalot.internal";

  /** What a generated constructor receives besides the delegate. */
  public static final String DECORATOR_CONTEXT = INTERNAL_PACKAGE + ".DecoratorContext";

  /** The declaration of a cache that a decorator passes to the context. */
  public static final String CACHE_DECLARATION = INTERNAL_PACKAGE + ".CacheDeclaration";

  public static final String CACHE_ASIDE_ENGINE = INTERNAL_PACKAGE + ".CacheAsideEngine";
  public static final String WRITE_THROUGH_ENGINE = INTERNAL_PACKAGE + ".WriteThroughEngine";
  public static final String WRITE_BEHIND_ENGINE = INTERNAL_PACKAGE + ".WriteBehindEngine";
  public static final String INVALIDATION_TARGET = INTERNAL_PACKAGE + ".InvalidationTarget";
  public static final String LOADING = INTERNAL_PACKAGE + ".Loading";
  public static final String WRITING = INTERNAL_PACKAGE + ".Writing";
  public static final String VALUE_WRITING = INTERNAL_PACKAGE + ".ValueWriting";
  public static final String RESULT_WRITING = INTERNAL_PACKAGE + ".ResultWriting";
  public static final String COMPOSITE_KEY = INTERNAL_PACKAGE + ".CompositeKey";
  public static final String ARRAY_KEY = INTERNAL_PACKAGE + ".ArrayKey";
  public static final String SINGLE_KEY = INTERNAL_PACKAGE + ".SingleKey";
  public static final String TYPES = INTERNAL_PACKAGE + ".Types";
  public static final String WRITE_BEHIND_METHOD = INTERNAL_PACKAGE + ".WriteBehindMethod";

  /** Every runtime type above, for the runtime's check that they exist. */
  public static final List<String> RUNTIME_TYPES =
      List.of(
          DECORATOR_CONTEXT,
          CACHE_DECLARATION,
          CACHE_ASIDE_ENGINE,
          WRITE_THROUGH_ENGINE,
          WRITE_BEHIND_ENGINE,
          INVALIDATION_TARGET,
          LOADING,
          WRITING,
          VALUE_WRITING,
          RESULT_WRITING,
          COMPOSITE_KEY,
          ARRAY_KEY,
          SINGLE_KEY,
          TYPES,
          WRITE_BEHIND_METHOD);

  private DecoratorNames() {}

  /**
   * The simple name of the decorator of an interface: {@code CachedProductDao}, or {@code
   * CachedOuter_Inner} for the interface {@code Inner} nested in {@code Outer}.
   */
  public static String decoratorSimpleName(List<String> enclosingSimpleNames, String simpleName) {
    StringBuilder name = new StringBuilder("Cached");
    for (String enclosing : enclosingSimpleNames) {
      name.append(enclosing).append('_');
    }
    return name.append(simpleName).toString();
  }

  /** The qualified name of the decorator: {@code com.acme.CachedProductDao}. */
  public static String decoratorName(
      String packageName, List<String> enclosingSimpleNames, String simpleName) {
    String simple = decoratorSimpleName(enclosingSimpleNames, simpleName);
    return packageName.isEmpty() ? simple : packageName + "." + simple;
  }
}
