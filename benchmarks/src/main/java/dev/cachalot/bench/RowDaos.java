package dev.cachalot.bench;

import dev.cachalot.annotations.CacheAside;
import dev.cachalot.annotations.WriteBehind;
import dev.cachalot.annotations.WriteThrough;
import java.util.Collection;

/**
 * The DAO interfaces of the write benchmarks, one per strategy; {@link JdbcRows} implements all.
 */
public final class RowDaos {

  private RowDaos() {}

  /** No cache: the direct DAO write. */
  public interface Rows {
    Row find(long id);

    void insert(Row row);
  }

  /** Cache-aside: database, then invalidate. */
  public interface CacheAsideRows {
    @CacheAside(cache = "caRows", ttl = "10m")
    Row find(long id);

    @CacheAside(cache = "caRows", key = "row.id")
    void insert(Row row);
  }

  /** Write-through: database, then cache. */
  public interface WriteThroughRows {
    @WriteThrough(cache = "wtRows", ttl = "10m")
    Row find(long id);

    @WriteThrough(cache = "wtRows", key = "row.id")
    void insert(Row row);
  }

  /** Write-behind: cache and buffer; flushed in batches of up to 1,000 through insertAll. */
  public interface WriteBehindRows {
    @WriteBehind(cache = "wbRows", ttl = "10m")
    Row find(long id);

    @WriteBehind(
        cache = "wbRows",
        key = "row.id",
        flushMillis = 50,
        maxBatch = 1000,
        capacity = 100_000,
        batchMethod = "insertAll")
    void insert(Row row);

    void insertAll(Collection<Row> rows);
  }
}
