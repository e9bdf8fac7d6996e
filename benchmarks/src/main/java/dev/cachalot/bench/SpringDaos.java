package dev.cachalot.bench;

import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring's {@code @Cacheable} over a {@link CaffeineCacheManager} built from {@link
 * CacheConfig#caffeine()}, once through a JDK interface proxy and once through a CGLIB subclass.
 */
public final class SpringDaos {

  private SpringDaos() {}

  /** The cached bean of the single-key read; the zero-cost DAO inside. */
  public static class SpringProductDao implements ProductDao {
    @Override
    @Cacheable("products")
    public Product findById(long id) {
      return ZeroCostDaos.PRODUCT;
    }
  }

  /** The cached bean of the two-part read (Spring's default key: a {@code SimpleKey}). */
  public static class SpringTenantProductDao implements TenantProductDao {
    @Override
    @Cacheable("tenantProducts")
    public Product find(String tenant, long id) {
      return ZeroCostDaos.PRODUCT;
    }
  }

  /** The beans of both contexts. */
  abstract static class Beans {
    @Bean
    public CacheManager cacheManager() {
      CaffeineCacheManager manager = new CaffeineCacheManager();
      manager.setCaffeine(CacheConfig.caffeine());
      return manager;
    }

    @Bean
    public SpringProductDao productDao() {
      return new SpringProductDao();
    }

    @Bean
    public SpringTenantProductDao tenantProductDao() {
      return new SpringTenantProductDao();
    }
  }

  /** JDK dynamic proxies over the interfaces. */
  @Configuration(proxyBeanMethods = false)
  @EnableCaching(proxyTargetClass = false)
  public static class JdkProxyConfig extends Beans {}

  /** CGLIB subclasses of the bean classes. */
  @Configuration(proxyBeanMethods = false)
  @EnableCaching(proxyTargetClass = true)
  public static class CglibConfig extends Beans {}

  /** Starts a context with {@code config}. */
  static AnnotationConfigApplicationContext start(Class<?> config) {
    return new AnnotationConfigApplicationContext(config);
  }
}
