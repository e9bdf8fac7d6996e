package dev.cachalot.spring.boot;

import dev.cachalot.Cachalot;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.NamedBeanHolder;
import org.springframework.beans.factory.config.SmartInstantiationAwareBeanPostProcessor;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Replaces every bean that implements a DAO interface with Cachalot annotations by its decorator
 * ({@code Cachalot.decorate}: the generated {@code Cached<Interface>}, else a decorator built at
 * run time, unless {@code cachalot.require-generated}), and orders the shutdown of the {@link
 * Cachalot} bean: it is closed (and flushes its write-behind buffers) after every bean that uses a
 * decorated DAO and before what the DAOs use, such as the {@link DataSource}.
 *
 * <p>How a bean is decorated:
 *
 * <ul>
 *   <li>The decorated interface is the one among the bean's interfaces that has Cachalot
 *       annotations on its methods (or a generated decorator) and extends every other such
 *       interface; a bean that implements two unrelated annotated interfaces is an error, as a
 *       decorator implements one interface.
 *   <li>It runs after every other post-processor (it is not {@code Ordered}), so a bean that Spring
 *       proxies (say, for {@code @Transactional}) is decorated around its proxy: the cache sits
 *       outside the transaction, and an invalidation follows the commit.
 *   <li>The bean becomes the decorator, which implements the interface and not the bean's class:
 *       inject it by its interface. Injecting it by its class fails at startup, and {@link
 *       DecoratedBeanFailureAnalyzer} says so.
 *   <li>Beans that are decorators already (a {@code @Bean} method that returns {@code
 *       cachalot.decorate(...)}) are left as they are, and so is the target of a scoped proxy,
 *       whose proxy is decorated.
 * </ul>
 *
 * <p>How shutdown is ordered: each decorated bean depends on the Cachalot bean (so the beans that
 * use the DAO, which depend on it, are destroyed before the Cachalot closes), and the Cachalot bean
 * depends on what each decorated bean was injected with and on every {@link DataSource} bean (so
 * those are destroyed after it closed).
 *
 * <p>Thread-safe.
 */
public final class CachalotBeanPostProcessor
    implements SmartInstantiationAwareBeanPostProcessor, BeanFactoryAware {

  private static final Log log = LogFactory.getLog(CachalotBeanPostProcessor.class);

  private static final boolean JDBC_PRESENT =
      ClassUtils.isPresent(
          "javax.sql.DataSource", CachalotBeanPostProcessor.class.getClassLoader());

  private final boolean decorateBeans;

  /** Beans decorated early, for a circular reference: left alone after their initialization. */
  private final Map<String, Boolean> decoratedEarly = new ConcurrentHashMap<>();

  private ConfigurableListableBeanFactory beanFactory;

  /** The Cachalot bean, resolved when the first DAO bean is decorated. */
  private volatile NamedBeanHolder<Cachalot> cachalot;

  /**
   * A post-processor that decorates DAO beans when {@code decorateBeans}, and orders the shutdown
   * of the {@link Cachalot} bean in any case.
   */
  public CachalotBeanPostProcessor(boolean decorateBeans) {
    this.decorateBeans = decorateBeans;
  }

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    Assert.isInstanceOf(
        ConfigurableListableBeanFactory.class,
        beanFactory,
        "CachalotBeanPostProcessor needs a ConfigurableListableBeanFactory");
    this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
  }

  @Override
  public Object getEarlyBeanReference(Object bean, String beanName) {
    Object decorated = decorate(bean, beanName);
    if (decorated != bean) {
      decoratedEarly.put(beanName, Boolean.TRUE);
    }
    return decorated;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof Cachalot) {
      closeBeforeDataSources(beanName);
      return bean;
    }
    if (decoratedEarly.remove(beanName) != null) {
      return bean; // Spring exposes the early reference, which is decorated
    }
    return decorate(bean, beanName);
  }

  private Object decorate(Object bean, String beanName) {
    if (!decorateBeans
        || beanName == null
        || bean instanceof Cachalot
        // The target of a scoped proxy: the proxy, which implements the interface too, is
        // decorated.
        || ScopedProxyUtils.isScopedTarget(beanName)) {
      return bean;
    }
    Optional<Class<?>> dao;
    try {
      dao = DaoInterfaces.of(bean.getClass());
    } catch (IllegalStateException e) {
      throw new BeanCreationException(beanName, e.getMessage(), e);
    }
    if (dao.isEmpty()) {
      return bean;
    }
    NamedBeanHolder<Cachalot> holder = cachalot(beanName, dao.get());
    Object decorated = decorate(holder.getBeanInstance(), dao.get(), bean);
    orderShutdown(holder.getBeanName(), beanName);
    if (log.isDebugEnabled()) {
      log.debug(
          "Decorated bean '"
              + beanName
              + "' ("
              + ClassUtils.getUserClass(bean).getName()
              + ") as "
              + dao.get().getName()
              + " with "
              + decorated.getClass().getName());
    }
    return decorated;
  }

  @SuppressWarnings(
      "unchecked") // bean implements dao: DaoInterfaces found dao among its interfaces
  private static <T> T decorate(Cachalot cachalot, Class<T> dao, Object bean) {
    return cachalot.decorate(dao, (T) bean);
  }

  private NamedBeanHolder<Cachalot> cachalot(String beanName, Class<?> dao) {
    NamedBeanHolder<Cachalot> holder = cachalot;
    if (holder == null) {
      try {
        holder = beanFactory.resolveNamedBean(Cachalot.class);
      } catch (NoSuchBeanDefinitionException e) {
        throw new BeanCreationException(
            beanName,
            "the bean implements "
                + dao.getName()
                + ", a DAO interface with Cachalot annotations, but there is no unique Cachalot"
                + " bean to decorate it with (define one, mark one @Primary, or set"
                + " cachalot.decorate-beans=false and decorate it yourself)",
            e);
      }
      cachalot = holder;
    }
    return holder;
  }

  /**
   * The decorated bean depends on the Cachalot bean; the Cachalot bean depends on what the
   * decorated bean was injected with, unless that depends on the Cachalot itself (another decorated
   * DAO).
   */
  private void orderShutdown(String cachalotName, String beanName) {
    beanFactory.registerDependentBean(cachalotName, beanName);
    for (String dependency : beanFactory.getDependenciesForBean(beanName)) {
      if (!dependency.equals(cachalotName) && !dependsOn(dependency, cachalotName)) {
        beanFactory.registerDependentBean(dependency, cachalotName);
      }
    }
  }

  /** The Cachalot bean depends on every DataSource bean, whether or not a DAO bean uses it. */
  private void closeBeforeDataSources(String cachalotName) {
    if (!JDBC_PRESENT) {
      return;
    }
    for (String dataSource : beanFactory.getBeanNamesForType(DataSource.class, true, false)) {
      if (!dependsOn(dataSource, cachalotName)) {
        beanFactory.registerDependentBean(dataSource, cachalotName);
      }
    }
  }

  /** Whether the bean {@code bean} depends on {@code dependency}, directly or through others. */
  private boolean dependsOn(String bean, String dependency) {
    return dependsOn(bean, dependency, new HashSet<>());
  }

  private boolean dependsOn(String bean, String dependency, Set<String> seen) {
    for (String dependent : beanFactory.getDependentBeans(dependency)) {
      if (dependent.equals(bean) || (seen.add(dependent) && dependsOn(bean, dependent, seen))) {
        return true;
      }
    }
    return false;
  }
}
