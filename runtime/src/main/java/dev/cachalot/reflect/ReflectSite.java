package dev.cachalot.reflect;

import dev.cachalot.rules.element.Site;

/**
 * Where a run-time diagnostic points, as its message names it: {@code
 * ProductDao.find(long) @CacheAside(key)}.
 */
record ReflectSite(String description) implements Site {

  @Override
  public String describe() {
    return description;
  }
}
