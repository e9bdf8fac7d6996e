package dev.cachalot.examples.quickstart;

import dev.cachalot.annotations.WriteBehind;
import java.util.List;

/** Page views must be fast to write and are written in batches: write-behind. */
public interface PageViewDao {

  @WriteBehind(cache = "pageViews", key = "view.id", flushMillis = 200, batchMethod = "insertAll")
  void record(PageView view);

  void insertAll(List<PageView> views);

  long count();
}
