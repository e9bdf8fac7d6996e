package dev.cachalot.bench;

import com.github.benmanes.caffeine.cache.Cache;
import dev.cachalot.Cachalot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A miss of a list of 20 products: what the unmodifiable copy of a cached collection costs on a
 * miss (the hand-written decorator caches the DAO's list as it is; the generated one copies it into
 * an unmodifiable list, so that no caller can change what another reads).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MissListBenchmark {

  /** A DAO whose list costs nothing to produce: the same mutable list every time. */
  static final class Categories implements CategoryDao {
    private final List<Product> products = new ArrayList<>();

    Categories() {
      for (int i = 0; i < 20; i++) {
        products.add(new Product(i, "product " + i));
      }
    }

    @Override
    public List<Product> findByCategory(String category) {
      return products;
    }
  }

  /** The hand-written decorator of the same read. */
  static final class HandWrittenCategories implements CategoryDao {
    private final CategoryDao delegate;
    final Cache<String, List<Product>> cache = CacheConfig.caffeine().build();

    HandWrittenCategories(CategoryDao delegate) {
      this.delegate = delegate;
    }

    @Override
    public List<Product> findByCategory(String category) {
      List<Product> value = cache.getIfPresent(category);
      if (value == null) {
        value = cache.get(category, delegate::findByCategory);
      }
      return value;
    }
  }

  /** Both contenders over one zero-cost DAO. */
  @State(Scope.Benchmark)
  public static class Lists {
    final String category = "tools";
    HandWrittenCategories handWritten;
    CategoryDao generated;
    private Cachalot cachalot;

    @Setup(Level.Trial)
    public void setUp() {
      Categories direct = new Categories();
      handWritten = new HandWrittenCategories(direct);
      cachalot = Cachalot.inMemory();
      generated = cachalot.decorate(CategoryDao.class, direct);
      if (!generated.getClass().getSimpleName().equals("CachedCategoryDao")) {
        throw new IllegalStateException("not the generated decorator: " + generated.getClass());
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      cachalot.close();
    }
  }

  @Benchmark
  public List<Product> handWritten(Lists lists) {
    lists.handWritten.cache.invalidate(lists.category);
    return lists.handWritten.findByCategory(lists.category);
  }

  @Benchmark
  public List<Product> generated(Lists lists) {
    lists.generated.evict(lists.category);
    return lists.generated.findByCategory(lists.category);
  }
}
