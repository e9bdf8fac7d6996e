package dev.cachalot.examples.shop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopConfigTest {

  @Test
  void defaultsToH2InMemory() {
    ShopConfig config = ShopConfig.parse(new String[0], Map.of());

    assertThat(config.jdbcUrl()).isNull();
    assertThat(config.embedded()).isTrue();
    assertThat(config.duration()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void takesTheDatabaseFromTheEnvironmentAndTheFlagOverIt() {
    Map<String, String> env =
        Map.of("SHOP_JDBC_URL", "jdbc:postgresql://db/env", "SHOP_JDBC_USER", "shop");

    assertThat(ShopConfig.parse(new String[0], env).jdbcUrl())
        .isEqualTo("jdbc:postgresql://db/env");
    ShopConfig flagged =
        ShopConfig.parse(new String[] {"--jdbc-url=jdbc:postgresql://db/flag", "--seconds=3"}, env);
    assertThat(flagged.jdbcUrl()).isEqualTo("jdbc:postgresql://db/flag");
    assertThat(flagged.jdbcUser()).isEqualTo("shop");
    assertThat(flagged.embedded()).isFalse();
    assertThat(flagged.duration()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void rejectsWhatItCannotRun() {
    assertThatThrownBy(() -> ShopConfig.parse(new String[] {"--colour=blue"}, Map.of()))
        .hasMessageContaining("unknown option --colour");
    assertThatThrownBy(() -> ShopConfig.parse(new String[] {"--seconds=ten"}, Map.of()))
        .hasMessageContaining("--seconds must be a number");
    assertThatThrownBy(() -> ShopConfig.parse(new String[] {"--schema=Robert'); DROP"}, Map.of()))
        .hasMessageContaining("--schema must be a lower-case SQL identifier");
    assertThatThrownBy(
            () -> ShopConfig.parse(new String[0], Map.of("SHOP_REDIS_URI", "redis://127.0.0.1")))
        .hasMessageContaining("Redis tier (module cachalot-redis) does not exist yet");
  }

  @Test
  void splitsTheSchemaScriptIntoStatements() {
    assertThat(
            ShopDatabase.statements(
                "-- a comment\nDROP TABLE IF EXISTS t;\nCREATE TABLE t (\n  id BIGINT -- key\n);\n"))
        .containsExactly("DROP TABLE IF EXISTS t", "CREATE TABLE t (\n  id BIGINT \n)");
  }
}
