package dev.cachalot.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.Cachalot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Keys of several parts and nested interfaces, through both decorator paths. */
@ParameterizedClass
@MethodSource("dev.cachalot.it.StoreKind#everyPathOnEveryStore")
class CompositeKeyDecoratorTest {

  @Parameter(0)
  DecoratorPath path;

  @Parameter(1)
  StoreKind store;

  private final InMemoryTenantDao database = new InMemoryTenantDao();
  private StoreKind.Opened opened;
  private Cachalot cachalot;

  @BeforeEach
  void start() {
    opened = store.open(path);
    cachalot = opened.cachalot();
  }

  @AfterEach
  void close() {
    opened.close();
  }

  @Test
  void partsOfAKeyAreComparedInOrder() {
    TenantDao dao = cachalot.decorate(TenantDao.class, database);
    dao.save("acme", new Product(7, "rope", 10));
    dao.save("globex", new Product(7, "chain", 20));

    assertThat(dao.find("acme", 7)).contains(new Product(7, "rope", 10));
    assertThat(dao.find("globex", 7)).contains(new Product(7, "chain", 20));
    assertThat(dao.find("acme", 7)).contains(new Product(7, "rope", 10));
    assertThat(database.calls.of("find")).isEqualTo(2);

    dao.save("acme", new Product(7, "rope", 11));
    assertThat(dao.find("acme", 7)).contains(new Product(7, "rope", 11));
    assertThat(dao.find("globex", 7)).contains(new Product(7, "chain", 20));
    assertThat(database.calls.of("find")).isEqualTo(3);

    dao.delete("globex", 7);
    assertThat(dao.find("globex", 7)).isEmpty();
  }

  @Test
  void aNestedInterfaceHasItsOwnDecorator() {
    TenantDao.Settings settings = cachalot.decorate(TenantDao.Settings.class, database);
    assertThat(settings.getClass().getName())
        .isEqualTo(path.decoratorName(TenantDao.Settings.class));
    assertThat(settings.setting("acme", "currency")).isEqualTo("acme:currency");
    assertThat(settings.setting("acme", "currency")).isEqualTo("acme:currency");
    assertThat(database.calls.of("setting")).isEqualTo(1);
  }
}
