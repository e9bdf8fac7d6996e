package dev.cachalot.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.Cachalot;
import dev.cachalot.CacheHandle;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The generated and the run-time decorators of the same interfaces declare equal caches: the same
 * strategy, key and value types (generic ones included) and settings. Otherwise one Cachalot could
 * not serve a generated decorator and a run-time one of the same cache, and stores that encode
 * values would decode them differently.
 */
class SameCachesOnBothPathsTest {

  @Test
  void everyCacheHasTheSameSpecOnBothPaths() {
    assertThat(caches(DecoratorPath.DYNAMIC)).isEqualTo(caches(DecoratorPath.GENERATED));
  }

  private static Map<String, List<Object>> caches(DecoratorPath path) {
    Map<String, List<Object>> specs = new TreeMap<>();
    try (Cachalot cachalot = path.cachalot()) {
      cachalot.decorate(ProductDao.class, new InMemoryProductDao());
      cachalot.decorate(SessionDao.class, new InMemorySessionDao());
      cachalot.decorate(PageViewDao.class, new InMemoryPageViewDao());
      cachalot.decorate(TenantDao.class, new InMemoryTenantDao());
      cachalot.decorate(TenantDao.Settings.class, new InMemoryTenantDao());
      for (CacheHandle cache : cachalot.caches()) {
        // CacheSpec.equals is what Cachalot compares when a second decorator names a cache.
        specs.put(cache.name(), List.of(cache.strategy(), cache.spec()));
      }
    }
    assertThat(specs).hasSize(8);
    return specs;
  }
}
