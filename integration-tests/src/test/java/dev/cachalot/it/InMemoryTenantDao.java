package dev.cachalot.it;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The "database" of per-tenant products, keyed by tenant and id. */
final class InMemoryTenantDao implements TenantDao, TenantDao.Settings {
  final Map<String, Product> rows = new ConcurrentHashMap<>();
  final Calls calls = new Calls();

  private static String key(String tenant, long id) {
    return tenant + "/" + id;
  }

  @Override
  public Optional<Product> find(String tenant, long id) {
    calls.record("find");
    return Optional.ofNullable(rows.get(key(tenant, id)));
  }

  @Override
  public void save(String tenant, Product product) {
    calls.record("save");
    rows.put(key(tenant, product.id()), product);
  }

  @Override
  public void delete(String tenant, long id) {
    calls.record("delete");
    rows.remove(key(tenant, id));
  }

  @Override
  public String setting(String tenant, String name) {
    calls.record("setting");
    return tenant + ":" + name;
  }
}
