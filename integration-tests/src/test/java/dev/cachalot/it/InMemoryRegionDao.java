package dev.cachalot.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A region table in memory that counts its calls. */
final class InMemoryRegionDao implements RegionDao {
  final Map<String, Region> rows = new ConcurrentHashMap<>();
  final Calls calls = new Calls();

  @Override
  public Region find(String code) {
    calls.record("find");
    return rows.get(code);
  }

  @Override
  public List<Region> all() {
    calls.record("all");
    return new ArrayList<>(rows.values());
  }

  @Override
  public List<Region> findAll(String... codes) {
    calls.record("findAll");
    List<Region> found = new ArrayList<>();
    for (String code : codes) {
      if (rows.containsKey(code)) {
        found.add(rows.get(code));
      }
    }
    return found;
  }
}
