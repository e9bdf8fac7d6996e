package dev.cachalot.it;

import dev.cachalot.Cachalot;

/**
 * The two ways {@code decorate} can build a decorator; every behaviour suite runs on both, so that
 * they cannot drift apart.
 */
enum DecoratorPath {
  /** The class the annotation processor generated at compile time. */
  GENERATED,
  /** A class Byte Buddy builds at run time from the same annotations and rules. */
  DYNAMIC;

  /** A fresh in-memory Cachalot that decorates along this path. */
  Cachalot cachalot() {
    return Cachalot.builder().useGeneratedDecorators(this == GENERATED).build();
  }

  /** The name of the decorator class of {@code dao} on this path. */
  String decoratorName(Class<?> dao) {
    if (this == DYNAMIC) {
      return dao.getName() + "$CachalotDynamic";
    }
    String simpleNames = dao.getSimpleName();
    for (Class<?> outer = dao.getEnclosingClass();
        outer != null;
        outer = outer.getEnclosingClass()) {
      simpleNames = outer.getSimpleName() + "_" + simpleNames;
    }
    return dao.getPackageName() + ".Cached" + simpleNames;
  }
}
