package dev.cachalot.it;

import dev.cachalot.annotations.CacheValue;
import dev.cachalot.annotations.Key;
import dev.cachalot.annotations.WriteBehind;
import java.util.List;

/** Write-behind, every role: batched writes, single writes without a batch method, deletes. */
public interface PageViewDao {

  @WriteBehind(
      cache = "pageViews",
      key = "view.id",
      ttl = "1h",
      flushMillis = 100,
      maxBatch = 3,
      capacity = 1000,
      batchMethod = "insertAll")
  void record(PageView view);

  @WriteBehind(cache = "pageViews")
  PageView find(long id);

  @WriteBehind(cache = "pageViews")
  void remove(long id);

  void insertAll(List<PageView> views);

  @WriteBehind(cache = "counters", flushMillis = 3_600_000)
  void setCounter(@Key String name, @CacheValue Long value);

  @WriteBehind(cache = "counters")
  Long counter(String name);
}
