package dev.cachalot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.Cachalot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DAOs as real code bases write them, generated and built at run time: a generic base interface
 * with {@code @CacheDefaults} and default methods, a sub-interface that only inherits, a read
 * without parameters, an array key, and a cached list.
 */
@ParameterizedClass
@EnumSource(DecoratorPath.class)
class DaoShapesDecoratorTest {

  @Parameter DecoratorPath path;

  private final InMemoryRegionDao database = new InMemoryRegionDao();
  private Cachalot cachalot;
  private RegionDao dao;

  @BeforeEach
  void decorate() {
    cachalot = path.cachalot();
    dao = cachalot.decorate(RegionDao.class, database);
    database.rows.put("eu", new Region("eu", "Europe"));
    database.rows.put("us", new Region("us", "Americas"));
  }

  @AfterEach
  void close() {
    cachalot.close();
  }

  @Test
  void anInterfaceThatOnlyInheritsIsDecoratedWithTheBasesDefaults() {
    assertThat(dao.getClass().getName()).isEqualTo(path.decoratorName(RegionDao.class));

    assertThat(dao.find("eu")).isEqualTo(new Region("eu", "Europe"));
    assertThat(dao.find("eu")).isEqualTo(new Region("eu", "Europe"));

    assertThat(database.calls.of("find")).isEqualTo(1);
    assertThat(cachalot.cache("regions").spec().ttl()).contains(Duration.ofHours(1));
    assertThat(cachalot.cache("allRegions").spec().ttl()).contains(Duration.ofHours(1));
    assertThat(cachalot.cache("regions").spec().keyTypes()).containsExactly(String.class);
  }

  @Test
  void aDefaultMethodsCallsGoThroughTheCache() {
    dao.find("eu");

    assertThat(dao.findOrUnknown("eu")).isEqualTo(new Region("eu", "Europe"));
    assertThat(dao.findOrUnknown("xx")).isEqualTo(RegionBase.UNKNOWN);

    assertThat(database.calls.of("find"))
        .as("findOrUnknown(eu) hit; findOrUnknown(xx) loaded once")
        .isEqualTo(2);
  }

  @Test
  void anAnnotatedDefaultMethodIsCachedItself() {
    assertThat(dao.count()).isEqualTo(2);
    assertThat(dao.count()).isEqualTo(2);

    assertThat(database.calls.of("all")).as("the delegate's count() ran once").isEqualTo(1);
  }

  @Test
  void aReadWithoutParametersIsASingleEntry() {
    assertThat(dao.all()).hasSize(2);
    assertThat(dao.all()).hasSize(2);

    assertThat(database.calls.of("all")).isEqualTo(1);
    assertThat(cachalot.cache("allRegions").spec().keyTypes()).isEmpty();
  }

  @Test
  void aCachedListCannotBeChangedByACaller() {
    List<Region> first = dao.all();

    assertThatThrownBy(() -> first.add(new Region("xx", "nowhere")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(dao.all()).hasSize(2);
  }

  @Test
  void anArrayKeyIsComparedByItsElements() {
    String[] codes = {"eu", "us"};
    assertThat(dao.findAll(codes)).hasSize(2);
    assertThat(dao.findAll("eu", "us")).hasSize(2);
    assertThat(database.calls.of("findAll")).as("equal arrays hit").isEqualTo(1);

    codes[1] = "xx"; // a caller that reuses its array does not change the cached key
    assertThat(dao.findAll("eu", "us")).hasSize(2);
    assertThat(dao.findAll(codes)).hasSize(1);
    assertThat(database.calls.of("findAll")).isEqualTo(2);
  }
}
