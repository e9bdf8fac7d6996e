package dev.cachalot.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.spring.boot.sample.CatalogDao;
import dev.cachalot.spring.boot.sample.MapCatalogDao;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Injecting a decorated bean by its class fails at startup, and the failure says why and what to
 * do; whichever bean Spring creates first.
 */
@ExtendWith(OutputCaptureExtension.class)
class DecoratedBeanFailureAnalyzerTest {

  @Test
  void theStartupFailureReportSaysToInjectTheInterface(CapturedOutput output) {
    SpringApplicationBuilder application =
        new SpringApplicationBuilder(DaoFirst.class).web(WebApplicationType.NONE);
    assertThatThrownBy(application::run).isNotNull();
    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains(
            "Parameter 0 of method service in "
                + DaoFirst.class.getName()
                + " required the bean 'catalog' as a "
                + MapCatalogDao.class.getName()
                + ", but Cachalot decorated that bean: it is now a"
                + " dev.cachalot.spring.boot.sample.CachedCatalogDao, which implements the DAO"
                + " interface dev.cachalot.spring.boot.sample.CatalogDao and not the class"
                + " MapCatalogDao.")
        .contains("Inject the bean by its interface dev.cachalot.spring.boot.sample.CatalogDao");
  }

  @Test
  void itExplainsTheFailureWhenTheDaoWasCreatedFirst() {
    FailureAnalysis analysis = analyze(DaoFirst.class);
    assertThat(analysis.getDescription())
        .contains("required the bean 'catalog' as a " + MapCatalogDao.class.getName())
        .contains("it is now a dev.cachalot.spring.boot.sample.CachedCatalogDao");
    assertThat(analysis.getAction())
        .contains("constructor parameter 'CatalogDao catalogDao'")
        .contains("cachalot.decorate-beans=false");
  }

  @Test
  void itExplainsTheFailureWhenTheUserWasCreatedFirst() {
    FailureAnalysis analysis = analyze(UserFirst.class);
    assertThat(analysis.getDescription())
        .startsWith("Parameter 0 of method service in " + UserFirst.class.getName())
        .contains("required the bean 'catalog' as a " + MapCatalogDao.class.getName())
        .contains("it is now a dev.cachalot.spring.boot.sample.CachedCatalogDao");
  }

  @Test
  void otherFailuresAreLeftToSpringBoot() {
    FailureAnalysis analysis = analyze(MissingBean.class);
    assertThat(analysis).isNull();
  }

  private static FailureAnalysis analyze(Class<?> configuration) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.register(configuration);
    try {
      context.refresh();
      throw new AssertionError("the context started");
    } catch (RuntimeException failure) {
      return new DecoratedBeanFailureAnalyzer(context.getBeanFactory()).analyze(failure);
    } finally {
      context.close();
    }
  }

  /** The service that wants the implementation class. */
  record Service(MapCatalogDao dao) {}

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(CachalotAutoConfiguration.class)
  static class DaoFirst {
    @Bean
    MapCatalogDao catalog() {
      return new MapCatalogDao();
    }

    @Bean
    Service service(MapCatalogDao catalog) {
      return new Service(catalog);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(CachalotAutoConfiguration.class)
  static class UserFirst {
    @Bean
    Service service(MapCatalogDao catalog) {
      return new Service(catalog);
    }

    @Bean
    MapCatalogDao catalog() {
      return new MapCatalogDao();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(CachalotAutoConfiguration.class)
  static class MissingBean {
    @Bean
    Service service(MapCatalogDao catalog) {
      return new Service(catalog);
    }

    @Bean
    CatalogDao other() {
      return new MapCatalogDao();
    }
  }
}
