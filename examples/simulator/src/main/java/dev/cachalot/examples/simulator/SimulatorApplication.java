package dev.cachalot.examples.simulator;

import dev.cachalot.spring.boot.CachalotAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The caching-strategies article's simulator, on Cachalot's own engines: a page (served from {@code
 * static/}) whose every click calls a generated decorator over the embedded database, and shows
 * what the engines did.
 *
 * <p>The main context holds the web layer, the database and the simulator. The caching layer (the
 * {@code Cachalot} the starter builds, and the DAO beans it decorates) lives in a child context per
 * {@link Generation}, so that "crash the app" can abandon it and start a fresh one as a restarted
 * process would; that is why the starter's auto-configuration is imported there ({@link
 * EngineConfiguration}) and not here.
 */
@SpringBootApplication(exclude = CachalotAutoConfiguration.class)
@EnableConfigurationProperties(SimulatorProperties.class)
public class SimulatorApplication {

  public static void main(String[] args) {
    SpringApplication.run(SimulatorApplication.class, args);
  }

  @Bean
  Latency latency(SimulatorProperties properties) {
    return new Latency(properties.getLatency().settings());
  }
}
