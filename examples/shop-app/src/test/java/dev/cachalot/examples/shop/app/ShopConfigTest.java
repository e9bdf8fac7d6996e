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
    assertThatThrownBy(() -> ShopConfig.parse(new String[] {"--near-cache"}, Map.of()))
        .hasMessageContaining("--near-cache and --node need the caches on Redis");
    assertThatThrownBy(
            () ->
                ShopConfig.parse(
                    new String[] {"--redis-uri=redis://127.0.0.1:6379", "--node=2"}, Map.of()))
        .hasMessageContaining("give the --jdbc-url node 1 uses");
  }

  @Test
  void takesRedisFromTheEnvironmentAndTheFlagsOverIt() {
    ShopConfig fromEnv =
        ShopConfig.parse(new String[0], Map.of("SHOP_REDIS_URI", "redis://127.0.0.1:6379"));
    assertThat(fromEnv.redisUri()).isEqualTo("redis://127.0.0.1:6379");
    assertThat(fromEnv.nearCache()).isFalse();
    assertThat(fromEnv.namespace()).isEqualTo("shop");
    assertThat(fromEnv.joins()).isFalse();

    ShopConfig second =
        ShopConfig.parse(
            new String[] {
              "--redis-uri=redis://cache:6380",
              "--near-cache",
              "--namespace=shop2",
              "--node=2",
              "--jdbc-url=jdbc:postgresql://db/shop"
            },
            Map.of("SHOP_REDIS_URI", "redis://127.0.0.1:6379"));
    assertThat(second.redisUri()).isEqualTo("redis://cache:6380");
    assertThat(second.nearCache()).isTrue();
    assertThat(second.namespace()).isEqualTo("shop2");
    assertThat(second.node()).isEqualTo(2);
    assertThat(second.joins()).isTrue();
  }

  @Test
  void splitsTheSchemaScriptIntoStatements() {
    assertThat(
            ShopDatabase.statements(
                "-- a comment\nDROP TABLE IF EXISTS t;\nCREATE TABLE t (\n  id BIGINT -- key\n);\n"))
        .containsExactly("DROP TABLE IF EXISTS t", "CREATE TABLE t (\n  id BIGINT \n)");
  }
}
