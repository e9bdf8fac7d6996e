package dev.cachalot.spring.boot;

import java.util.Arrays;
import java.util.Optional;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanNotOfRequiredTypeException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.analyzer.AbstractInjectionFailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Explains the startup failure of injecting a decorated DAO bean by its implementation class:
 * Cachalot replaced the bean by its decorator, which implements the DAO interface, not the class.
 * Depending on which bean Spring created first, the injection fails with a {@link
 * BeanNotOfRequiredTypeException} (the bean is a {@code CachedCatalogDao}, not a {@code
 * JdbcCatalogDao}) or a {@link NoSuchBeanDefinitionException} (no bean of type {@code
 * JdbcCatalogDao}); both are analyzed here, before Spring Boot's own analyzers, which would not
 * mention Cachalot.
 *
 * <p>Registered in {@code META-INF/spring.factories}; created by Spring Boot for one failure.
 */
public final class DecoratedBeanFailureAnalyzer extends AbstractInjectionFailureAnalyzer<Throwable>
    implements Ordered {

  private final BeanFactory beanFactory;

  /** An analyzer that looks up the beans of {@code beanFactory}. */
  public DecoratedBeanFailureAnalyzer(BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, Throwable cause, String description) {
    for (Throwable failure = rootFailure; failure != null; failure = failure.getCause()) {
      FailureAnalysis analysis = null;
      if (failure instanceof BeanNotOfRequiredTypeException notOfType) {
        analysis = analyze(notOfType, description);
      } else if (failure instanceof NoSuchBeanDefinitionException noSuchBean) {
        analysis = analyze(noSuchBean, description);
      }
      if (analysis != null) {
        return analysis;
      }
    }
    return null;
  }

  private static FailureAnalysis analyze(BeanNotOfRequiredTypeException failure, String site) {
    Class<?> required = failure.getRequiredType();
    Class<?> actual = failure.getActualType();
    if (required.isInterface() || !DaoInterfaces.isDecorator(actual)) {
      return null;
    }
    Optional<Class<?>> dao = daoOf(required);
    if (dao.isEmpty() || !dao.get().isAssignableFrom(actual)) {
      return null;
    }
    return analysis(failure.getBeanName(), required, dao.get(), actual.getName(), site, failure);
  }

  private FailureAnalysis analyze(NoSuchBeanDefinitionException failure, String site) {
    Class<?> required = failure.getBeanType();
    if (required == null || required.isInterface()) {
      return null;
    }
    Optional<Class<?>> dao = daoOf(required);
    if (dao.isEmpty() || !(beanFactory instanceof ListableBeanFactory beans)) {
      return null;
    }
    // The failed context destroyed its beans: what remains are their definitions, whose type is
    // the class. A bean of that class that the injection did not find is the decorated one.
    String[] names = beans.getBeanNamesForType(required, true, false);
    if (names.length == 0) {
      return null;
    }
    Arrays.sort(names);
    return analysis(
        names[0], required, dao.get(), DaoInterfaces.decoratorName(dao.get()), site, failure);
  }

  private static FailureAnalysis analysis(
      String beanName,
      Class<?> required,
      Class<?> dao,
      String decorator,
      String site,
      Throwable failure) {
    String where = site == null ? "A bean" : site;
    String description =
        where
            + " required the bean '"
            + beanName
            + "' as a "
            + required.getName()
            + ", but Cachalot decorated that bean: it is now a "
            + decorator
            + ", which implements the DAO interface "
            + dao.getName()
            + " and not the class "
            + required.getSimpleName()
            + ".";
    String action =
        "Inject the bean by its interface "
            + dao.getName()
            + " (for example a constructor parameter '"
            + dao.getSimpleName()
            + " "
            + lowerFirst(dao.getSimpleName())
            + "'): calls through it are cached. If that class really must be injected, decorate it"
            + " yourself and set cachalot.decorate-beans=false.";
    return new FailureAnalysis(description, action, failure);
  }

  private static Optional<Class<?>> daoOf(Class<?> type) {
    try {
      return DaoInterfaces.of(type);
    } catch (IllegalStateException e) {
      return Optional.empty();
    }
  }

  private static String lowerFirst(String name) {
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
