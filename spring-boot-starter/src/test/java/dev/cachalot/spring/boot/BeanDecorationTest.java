package dev.cachalot.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.Cachalot;
import dev.cachalot.CacheStats;
import dev.cachalot.spring.boot.sample.CachedCatalogDao;
import dev.cachalot.spring.boot.sample.CachedProductStore;
import dev.cachalot.spring.boot.sample.CatalogAndEvents;
import dev.cachalot.spring.boot.sample.CatalogDao;
import dev.cachalot.spring.boot.sample.MapCatalogDao;
import dev.cachalot.spring.boot.sample.MapProductStore;
import dev.cachalot.spring.boot.sample.Product;
import dev.cachalot.spring.boot.sample.ProductReads;
import dev.cachalot.spring.boot.sample.ProductStore;
import dev.cachalot.spring.boot.sample.TransactionalCatalogDao;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.CustomScopeConfigurer;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.context.support.SimpleThreadScope;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/** Which beans are decorated, how, and what injecting them by class does. */
class BeanDecorationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(CachalotAutoConfiguration.class));

  @Test
  void aDaoBeanBecomesItsGeneratedDecorator() {
    MapCatalogDao db = new MapCatalogDao();
    db.rows.put(1L, new Product(1, "anchor"));
    runner
        .withBean("catalog", MapCatalogDao.class, () -> db)
        .run(
            context -> {
              assertThat(context.getBean("catalog")).isInstanceOf(CachedCatalogDao.class);
              CatalogDao catalog = context.getBean(CatalogDao.class);
              assertThat(catalog.find(1)).contains(new Product(1, "anchor"));
              assertThat(catalog.find(1)).contains(new Product(1, "anchor"));
              assertThat(db.reads).as("the second read hit the cache").hasValue(1);
              CacheStats stats = context.getBean(Cachalot.class).cache("products").stats();
              assertThat(stats.hits()).isEqualTo(1);
              assertThat(stats.misses()).isEqualTo(1);
            });
  }

  @Test
  void theMostSpecificAnnotatedInterfaceIsDecorated() {
    runner
        .withBean("stock", MapProductStore.class, MapProductStore::new)
        .run(
            context -> {
              Object stock = context.getBean("stock");
              assertThat(stock).isInstanceOf(CachedProductStore.class);
              // Injectable by the interface it extends, too; not by the other interface it had.
              assertThat(context.getBean(ProductReads.class)).isSameAs(stock);
              assertThat(context.getBean(ProductStore.class)).isSameAs(stock);
              assertThat(stock).isNotInstanceOf(Comparable.class);
            });
  }

  @Test
  void aBeanWithTwoUnrelatedDaoInterfacesFailsTheStart() {
    runner
        .withBean("both", CatalogAndEvents.class, CatalogAndEvents::new)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasMessageContaining("Error creating bean with name 'both'")
                    .rootCause()
                    .hasMessageContaining(
                        "implements several DAO interfaces with Cachalot annotations"
                            + " (dev.cachalot.spring.boot.sample.CatalogDao,"
                            + " dev.cachalot.spring.boot.sample.EventDao)"));
  }

  @Test
  void aBeanThatIsADecoratorAlreadyIsLeftAlone() {
    runner
        .withUserConfiguration(DecoratesItself.class)
        .run(
            context -> {
              assertThat(context.getBean("catalog")).isInstanceOf(CachedCatalogDao.class);
              context.getBean(CatalogDao.class).find(1);
              context.getBean(CatalogDao.class).find(1);
              // Decorated twice, the outer decorator's miss would be the inner one's too.
              CacheStats stats = context.getBean(Cachalot.class).cache("products").stats();
              assertThat(stats.misses()).isEqualTo(1);
              assertThat(stats.hits()).isEqualTo(1);
            });
  }

  @Test
  void decorateBeansFalseLeavesTheBeansAsTheyAre() {
    runner
        .withPropertyValues("cachalot.decorate-beans=false")
        .withBean("catalog", MapCatalogDao.class, MapCatalogDao::new)
        .run(
            context -> {
              assertThat(context.getBean("catalog")).isExactlyInstanceOf(MapCatalogDao.class);
              assertThat(context.getBean(Cachalot.class).caches()).isEmpty();
            });
  }

  @Test
  void aTransactionalBeanIsDecoratedAroundItsProxy() {
    TransactionalCatalogDao db = new TransactionalCatalogDao();
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class,
                DataSourceTransactionManagerAutoConfiguration.class,
                TransactionAutoConfiguration.class,
                AopAutoConfiguration.class,
                CachalotAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:transactional")
        .withUserConfiguration(Transactions.class)
        .withBean("catalog", TransactionalCatalogDao.class, () -> db)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Object catalog = context.getBean("catalog");
              assertThat(catalog).isInstanceOf(CachedCatalogDao.class);
              CatalogDao dao = (CatalogDao) catalog;
              dao.save(new Product(3, "chain"));
              assertThat(db.savedInTransaction).as("the delegate is the proxy").isTrue();
              dao.find(3);
              dao.find(3);
              assertThat(db.reads).hasValue(1);
            });
  }

  @Test
  void aDaoInACircularReferenceIsDecoratedWhereverItIsInjected() {
    runner
        .withAllowCircularReferences(true)
        .withBean("catalog", CircularCatalog.class)
        .withBean("user", CatalogUser.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Object catalog = context.getBean("catalog");
              assertThat(catalog).isInstanceOf(CachedCatalogDao.class);
              assertThat(context.getBean(CatalogUser.class).catalog).isSameAs(catalog);
            });
  }

  @Test
  void anEarlyReferenceIsTheDecoratorAndTheBeanIsNotDecoratedAgainAfterwards() {
    DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    try (Cachalot cachalot = Cachalot.inMemory()) {
      beans.registerSingleton("cachalot", cachalot);
      CachalotBeanPostProcessor processor = new CachalotBeanPostProcessor(true);
      processor.setBeanFactory(beans);
      MapCatalogDao raw = new MapCatalogDao();

      Object early = processor.getEarlyBeanReference(raw, "catalog");
      assertThat(early).isInstanceOf(CachedCatalogDao.class);
      // Spring exposes the early reference when initialization returns the raw bean.
      assertThat(processor.postProcessAfterInitialization(raw, "catalog")).isSameAs(raw);
      assertThat(processor.postProcessAfterInitialization(raw, "other"))
          .isInstanceOf(CachedCatalogDao.class);
    }
  }

  @Test
  void aScopedDaoIsDecoratedOnceAroundItsScopedProxy() {
    runner
        .withUserConfiguration(ThreadScopedCatalog.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Object catalog = context.getBean("catalog");
              assertThat(catalog).isInstanceOf(CachedCatalogDao.class);
              ((CatalogDao) catalog).find(1);
              ((CatalogDao) catalog).find(1);
              // Decorated twice (the proxy and its target), a miss would count twice.
              CacheStats stats = context.getBean(Cachalot.class).cache("products").stats();
              assertThat(stats.misses()).isEqualTo(1);
              assertThat(stats.hits()).isEqualTo(1);
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class ThreadScopedCatalog {
    @Bean
    static CustomScopeConfigurer threadScope() {
      CustomScopeConfigurer configurer = new CustomScopeConfigurer();
      configurer.addScope("thread", new SimpleThreadScope());
      return configurer;
    }

    @Bean
    @Scope(scopeName = "thread", proxyMode = ScopedProxyMode.INTERFACES)
    CatalogDao catalog() {
      MapCatalogDao db = new MapCatalogDao();
      db.rows.put(1L, new Product(1, "anchor"));
      return db;
    }
  }

  /** A DAO that needs a bean that needs the DAO. */
  static class CircularCatalog extends MapCatalogDao {
    @Autowired CatalogUser user;
  }

  static class CatalogUser {
    @Autowired CatalogDao catalog;
  }

  @Configuration(proxyBeanMethods = false)
  static class DecoratesItself {
    @Bean
    CatalogDao catalog(Cachalot cachalot) {
      MapCatalogDao db = new MapCatalogDao();
      db.rows.put(1L, new Product(1, "anchor"));
      return cachalot.decorate(CatalogDao.class, db);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableTransactionManagement
  static class Transactions {}
}
