package dev.cachalot.spring.boot;

import dev.cachalot.annotations.CacheAside;
import dev.cachalot.annotations.Invalidate;
import dev.cachalot.annotations.WriteBehind;
import dev.cachalot.annotations.WriteThrough;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.util.ClassUtils;

/**
 * Which interface of a bean class Cachalot decorates, and whether a class is a Cachalot decorator.
 * The answers are cached per class; thread-safe.
 */
final class DaoInterfaces {

  private static final List<Class<? extends Annotation>> STRATEGY_ANNOTATIONS =
      List.of(
          CacheAside.class,
          WriteThrough.class,
          WriteBehind.class,
          Invalidate.class,
          Invalidate.List.class);

  /** The DAO interface of each class: empty, one interface, or a message when it has several. */
  private static final ClassValue<Object> DAO_INTERFACES =
      new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
          return find(type);
        }
      };

  /** Whether an interface is a Cachalot DAO interface. */
  private static final ClassValue<Boolean> IS_DAO =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return type.isInterface()
              && (hasAnnotatedMethod(type) || generatedDecorator(type) != null);
        }
      };

  private DaoInterfaces() {}

  /**
   * The interface Cachalot decorates for a bean of class {@code type}: of the interfaces the class
   * implements that have Cachalot annotations on their methods or a generated decorator, the one
   * that extends all the others; empty when there is none.
   *
   * @throws IllegalStateException when the class implements several such interfaces, none of which
   *     extends all the others: a decorator implements one interface only
   */
  static Optional<Class<?>> of(Class<?> type) {
    Object found = DAO_INTERFACES.get(type);
    if (found instanceof String message) {
      throw new IllegalStateException(message);
    }
    return Optional.ofNullable((Class<?>) found);
  }

  /** Whether {@code type} is an interface that Cachalot decorates. */
  static boolean isDao(Class<?> type) {
    return IS_DAO.get(type);
  }

  /**
   * Whether {@code type} is a Cachalot decorator of one of its interfaces: a generated {@code
   * Cached<Interface>} or one built at run time.
   */
  static boolean isDecorator(Class<?> type) {
    for (Class<?> implemented : type.getInterfaces()) {
      if (type.getName().equals(generatedName(implemented))
          || type.getName().equals(implemented.getName() + "$CachalotDynamic")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The name of the decorator the processor generates for {@code dao}: {@code
   * com.acme.CachedProductDao}, {@code com.acme.CachedOuter_Inner} for a nested interface.
   */
  static String generatedName(Class<?> dao) {
    StringBuilder simple = new StringBuilder();
    for (Class<?> outer = dao.getEnclosingClass();
        outer != null;
        outer = outer.getEnclosingClass()) {
      simple.insert(0, outer.getSimpleName() + "_");
    }
    simple.insert(0, "Cached").append(dao.getSimpleName());
    String pkg = dao.getPackageName();
    return pkg.isEmpty() ? simple.toString() : pkg + "." + simple;
  }

  /**
   * The name of the class {@code Cachalot.decorate} makes for {@code dao}: the generated decorator
   * if there is one, else the one it builds at run time.
   */
  static String decoratorName(Class<?> dao) {
    return generatedDecorator(dao) != null
        ? generatedName(dao)
        : dao.getName() + "$CachalotDynamic";
  }

  private static Object find(Class<?> type) {
    if (isDecorator(type)) {
      return null;
    }
    List<Class<?>> daos = new ArrayList<>();
    for (Class<?> implemented : ClassUtils.getAllInterfacesForClassAsSet(type)) {
      if (isDao(implemented)) {
        daos.add(implemented);
      }
    }
    // An interface that another one extends is decorated with it: its methods are inherited.
    Set<Class<?>> mostSpecific = new LinkedHashSet<>(daos);
    for (Class<?> dao : daos) {
      for (Class<?> other : daos) {
        if (other != dao && dao.isAssignableFrom(other)) {
          mostSpecific.remove(dao);
        }
      }
    }
    if (mostSpecific.size() > 1) {
      return ClassUtils.getUserClass(type).getName()
          + " implements several DAO interfaces with Cachalot annotations ("
          + mostSpecific.stream().map(Class::getName).sorted().collect(Collectors.joining(", "))
          + "), and a decorator implements one interface only. Implement each in a bean of its"
          + " own, or declare one interface that extends them all and implement that one.";
    }
    return mostSpecific.isEmpty() ? null : mostSpecific.iterator().next();
  }

  private static boolean hasAnnotatedMethod(Class<?> type) {
    for (Method method : type.getMethods()) {
      for (Class<? extends Annotation> annotation : STRATEGY_ANNOTATIONS) {
        if (method.isAnnotationPresent(annotation)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Class<?> generatedDecorator(Class<?> dao) {
    try {
      Class<?> decorator = Class.forName(generatedName(dao), false, dao.getClassLoader());
      return dao.isAssignableFrom(decorator) ? decorator : null;
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }
}
