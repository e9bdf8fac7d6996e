package dev.cachalot.bench;

import com.github.benmanes.caffeine.cache.Cache;
import dev.cachalot.Cachalot;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * Every contender of the read benchmarks, each over a cache of its own, all configured as {@link
 * CacheConfig} says, and all preloaded with the hit keys and the Zipf key set.
 */
@State(Scope.Benchmark)
public class Contenders {

  /** The key of the single-key hit benchmarks; outside the {@code Long} box cache on purpose. */
  public long hitKey = 1_000_003L;

  /** The key the miss benchmarks invalidate and read again. */
  public long missKey = 2_000_003L;

  /** The first part of the two-part key. */
  public String tenant = "acme";

  ProductDao direct;
  Cache<Long, Product> caffeine;
  Function<Long, Product> caffeineLoader;
  ProductDao handWritten;
  Cache<Long, Product> handWrittenCache;
  ProductDao generated;
  ProductDao dynamic;
  ProductDao springJdk;
  ProductDao springCglib;

  TenantProductDao tenantDirect;
  Cache<HandWritten.TenantKey, Product> tenantCaffeine;
  Function<HandWritten.TenantKey, Product> tenantCaffeineLoader;
  TenantProductDao tenantHandWritten;
  TenantProductDao tenantGenerated;
  TenantProductDao tenantDynamic;
  TenantProductDao tenantSpringJdk;
  TenantProductDao tenantSpringCglib;

  org.springframework.cache.Cache springJdkCache;
  org.springframework.cache.Cache springCglibCache;

  long[] zipfKeys;

  private Cachalot generatedCachalot;
  private Cachalot dynamicCachalot;
  private AnnotationConfigApplicationContext jdkContext;
  private AnnotationConfigApplicationContext cglibContext;

  @Setup(Level.Trial)
  public void setUp() {
    direct = new ZeroCostDaos.Products();
    tenantDirect = new ZeroCostDaos.TenantProducts();

    caffeine = CacheConfig.caffeine().build();
    ProductDao loaderDao = direct;
    caffeineLoader = id -> loaderDao.findById(id);
    tenantCaffeine = CacheConfig.caffeine().build();
    TenantProductDao tenantLoaderDao = tenantDirect;
    tenantCaffeineLoader = key -> tenantLoaderDao.find(key.tenant(), key.id());

    handWrittenCache = CacheConfig.caffeine().build();
    handWritten = new HandWritten.Products(direct, handWrittenCache);
    tenantHandWritten =
        new HandWritten.TenantProducts(tenantDirect, CacheConfig.caffeine().build());

    generatedCachalot = Cachalot.inMemory();
    generated = generatedCachalot.decorate(ProductDao.class, direct);
    tenantGenerated = generatedCachalot.decorate(TenantProductDao.class, tenantDirect);
    if (!generated.getClass().getSimpleName().equals("CachedProductDao")) {
      throw new IllegalStateException("not the generated decorator: " + generated.getClass());
    }

    dynamicCachalot = Cachalot.builder().useGeneratedDecorators(false).build();
    dynamic = dynamicCachalot.decorate(ProductDao.class, direct);
    tenantDynamic = dynamicCachalot.decorate(TenantProductDao.class, tenantDirect);
    if (dynamic.getClass().getSimpleName().equals("CachedProductDao")) {
      throw new IllegalStateException("not the run-time decorator: " + dynamic.getClass());
    }

    jdkContext = SpringDaos.start(SpringDaos.JdkProxyConfig.class);
    springJdk = jdkContext.getBean("productDao", ProductDao.class);
    tenantSpringJdk = jdkContext.getBean("tenantProductDao", TenantProductDao.class);
    springJdkCache = cache(jdkContext);
    cglibContext = SpringDaos.start(SpringDaos.CglibConfig.class);
    springCglib = cglibContext.getBean("productDao", ProductDao.class);
    tenantSpringCglib = cglibContext.getBean("tenantProductDao", TenantProductDao.class);
    springCglibCache = cache(cglibContext);
    if (!java.lang.reflect.Proxy.isProxyClass(springJdk.getClass())
        || !springCglib.getClass().getName().contains("$$SpringCGLIB$$")) {
      throw new IllegalStateException(
          "unexpected Spring proxies: " + springJdk.getClass() + ", " + springCglib.getClass());
    }

    zipfKeys = Zipf.keys(ZIPF_KEYS, ZIPF_EXPONENT, ZIPF_SAMPLES, ZIPF_BASE, 42);
    preload();
  }

  private static org.springframework.cache.Cache cache(AnnotationConfigApplicationContext context) {
    org.springframework.cache.Cache cache =
        context.getBean(org.springframework.cache.CacheManager.class).getCache("products");
    if (cache == null) {
      throw new IllegalStateException("Spring has no cache 'products'");
    }
    return cache;
  }

  private void preload() {
    ProductDao[] all = {handWritten, generated, dynamic, springJdk, springCglib};
    for (ProductDao dao : all) {
      dao.findById(hitKey);
      for (long rank = 1; rank <= ZIPF_KEYS; rank++) {
        dao.findById(ZIPF_BASE + rank);
      }
    }
    var unused = caffeine.get(hitKey, caffeineLoader);
    for (long rank = 1; rank <= ZIPF_KEYS; rank++) {
      unused = caffeine.get(ZIPF_BASE + rank, caffeineLoader);
    }
    TenantProductDao[] tenants = {
      tenantHandWritten, tenantGenerated, tenantDynamic, tenantSpringJdk, tenantSpringCglib
    };
    for (TenantProductDao dao : tenants) {
      dao.find(tenant, hitKey);
    }
    unused = tenantCaffeine.get(new HandWritten.TenantKey(tenant, hitKey), tenantCaffeineLoader);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    generatedCachalot.close();
    dynamicCachalot.close();
    jdkContext.close();
    cglibContext.close();
  }

  /** Distinct keys of the Zipf key set. */
  static final int ZIPF_KEYS = 10_000;

  /** The Zipf exponent s. */
  static final double ZIPF_EXPONENT = 1.0;

  /** Precomputed draws (a power of two). */
  static final int ZIPF_SAMPLES = 1 << 16;

  /** Rank r is the key {@code ZIPF_BASE + r}, outside the {@code Long} box cache. */
  static final long ZIPF_BASE = 1_000_000L;
}
