package dev.cachalot.examples.shop.app;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What to run the shop on and how hard: from the command line ({@code --name=value}), with the
 * database also taken from the environment ({@code SHOP_JDBC_URL}, {@code SHOP_JDBC_USER}, {@code
 * SHOP_JDBC_PASSWORD}).
 *
 * @param jdbcUrl the database; {@code null} means a fresh H2 database in memory
 * @param jdbcUser the database user, or {@code null} for the URL's (or the driver's default)
 * @param jdbcPassword the database password, or {@code null}
 * @param schema the schema the example creates its tables in (it drops and recreates its tables)
 * @param duration how long the shoppers shop
 * @param shoppers how many shoppers (threads) browse at once
 * @param products how many products the catalog holds
 * @param users how many different users log in
 * @param seed the seed of every random choice
 */
record ShopConfig(
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    String schema,
    Duration duration,
    int shoppers,
    int products,
    int users,
    long seed) {

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "usage: ShopApp [--jdbc-url=URL] [--jdbc-user=USER] [--jdbc-password=PASSWORD]",
          "               [--schema=NAME] [--seconds=N] [--shoppers=N] [--products=N]"
              + " [--users=N] [--seed=N]",
          "  --jdbc-url    the database (default: H2 in memory); also $SHOP_JDBC_URL, e.g.",
          "                jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
          "  --jdbc-user, --jdbc-password   also $SHOP_JDBC_USER, $SHOP_JDBC_PASSWORD",
          "  --schema      where the example's tables go (default cachalot_shop); created if"
              + " missing, its",
          "                tables product, user_session, analytics_event recreated at each start",
          "  --seconds     how long the shoppers shop (default 10)",
          "  --shoppers    how many shoppers browse at once (default 4)",
          "  --products    catalog size (default 1000); --users: distinct users (default 500)",
          "  --redis-uri   the Redis tier; not available yet (module cachalot-redis)");

  private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  ShopConfig {
    if (!SCHEMA_NAME.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "--schema must be a lower-case SQL identifier ([a-z_][a-z0-9_]*), not '" + schema + "'");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("--seconds must be positive, not " + duration);
    }
    if (shoppers < 1 || products < 1 || users < 1) {
      throw new IllegalArgumentException("--shoppers, --products and --users must be at least 1");
    }
  }

  /** The defaults: H2 in memory, four shoppers for ten seconds. */
  static ShopConfig defaults() {
    return new ShopConfig(
        null, null, null, "cachalot_shop", Duration.ofSeconds(10), 4, 1000, 500, 42);
  }

  /**
   * Reads the command line over the environment over the defaults.
   *
   * @throws IllegalArgumentException for an unknown option or a malformed value
   */
  static ShopConfig parse(String[] args, Map<String, String> env) {
    ShopConfig config = defaults();
    String url = env.get("SHOP_JDBC_URL");
    String user = env.get("SHOP_JDBC_USER");
    String password = env.get("SHOP_JDBC_PASSWORD");
    String redis = env.get("SHOP_REDIS_URI");
    String schema = config.schema;
    Duration duration = config.duration;
    int shoppers = config.shoppers;
    int products = config.products;
    int users = config.users;
    long seed = config.seed;
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        throw new IllegalArgumentException("expected --name=value, not '" + arg + "'");
      }
      String name = arg.substring(2, equals);
      String value = arg.substring(equals + 1);
      switch (name) {
        case "jdbc-url" -> url = value;
        case "jdbc-user" -> user = value;
        case "jdbc-password" -> password = value;
        case "redis-uri" -> redis = value;
        case "schema" -> schema = value;
        case "seconds" -> duration = Duration.ofSeconds(number(name, value));
        case "shoppers" -> shoppers = Math.toIntExact(number(name, value));
        case "products" -> products = Math.toIntExact(number(name, value));
        case "users" -> users = Math.toIntExact(number(name, value));
        case "seed" -> seed = number(name, value);
        default -> throw new IllegalArgumentException("unknown option --" + name);
      }
    }
    if (redis != null && !redis.isBlank()) {
      throw new IllegalArgumentException(
          "a Redis URI was given ("
              + redis
              + "), but Cachalot's Redis tier (module cachalot-redis) does not exist yet; this"
              + " example runs on the in-process store. Leave out --redis-uri and SHOP_REDIS_URI.");
    }
    return new ShopConfig(
        blankToNull(url),
        blankToNull(user),
        blankToNull(password),
        schema,
        duration,
        shoppers,
        products,
        users,
        seed);
  }

  /** Whether the database is the embedded H2 one. */
  boolean embedded() {
    return jdbcUrl == null || jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:");
  }

  /** The same configuration on another database. */
  ShopConfig withDatabase(String url, String schemaName) {
    return new ShopConfig(
        url, jdbcUser, jdbcPassword, schemaName, duration, shoppers, products, users, seed);
  }

  /** The same configuration with another load. */
  ShopConfig withLoad(Duration newDuration, int newShoppers, int newProducts, int newUsers) {
    return new ShopConfig(
        jdbcUrl,
        jdbcUser,
        jdbcPassword,
        schema,
        newDuration,
        newShoppers,
        newProducts,
        newUsers,
        seed);
  }

  private static long number(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number, not '" + value + "'", e);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
