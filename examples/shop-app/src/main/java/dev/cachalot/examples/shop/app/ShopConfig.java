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
 * @param redisUri the Redis the caches live on; {@code null} means Cachalot's in-process store
 * @param nearCache whether each cache has a near cache in front of Redis
 * @param namespace the Redis namespace of the shop's keys
 * @param node which node of the shop this process is: node 1 creates the tables and the catalog and
 *     empties the caches, the others join them (see {@link #joins()})
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
    long seed,
    String redisUri,
    boolean nearCache,
    String namespace,
    int node) {

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "usage: ShopApp [--jdbc-url=URL] [--jdbc-user=USER] [--jdbc-password=PASSWORD]",
          "               [--schema=NAME] [--seconds=N] [--shoppers=N] [--products=N]"
              + " [--users=N] [--seed=N]",
          "               [--redis-uri=URI [--near-cache] [--namespace=NAME] [--node=N]]",
          "  --jdbc-url    the database (default: H2 in memory); also $SHOP_JDBC_URL, e.g.",
          "                jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
          "  --jdbc-user, --jdbc-password   also $SHOP_JDBC_USER, $SHOP_JDBC_PASSWORD",
          "  --schema      where the example's tables go (default cachalot_shop); created if"
              + " missing, its",
          "                tables product, user_session, analytics_event recreated at each start",
          "  --seconds     how long the shoppers shop (default 10)",
          "  --shoppers    how many shoppers browse at once (default 4)",
          "  --products    catalog size (default 1000); --users: distinct users (default 500)",
          "  --redis-uri   the caches on Redis (default: Cachalot's in-process store); also"
              + " $SHOP_REDIS_URI,",
          "                e.g. redis://127.0.0.1:6379, rediss://:password@host:6380/2",
          "  --near-cache  a near cache in front of Redis on this node, invalidated by the others",
          "  --namespace   the Redis namespace of the shop's keys (default shop)",
          "  --node        this process's node number (default 1). Node 1 creates the tables and"
              + " the catalog",
          "                and empties the caches; nodes 2, 3, ... join them on the same"
              + " database and Redis");

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
    if (node < 1) {
      throw new IllegalArgumentException("--node must be at least 1, not " + node);
    }
    if (redisUri == null && (nearCache || node > 1)) {
      throw new IllegalArgumentException(
          "--near-cache and --node need the caches on Redis: give --redis-uri (or $SHOP_REDIS_URI)");
    }
    if (node > 1 && jdbcUrl == null) {
      throw new IllegalArgumentException(
          "--node "
              + node
              + " joins the database of node 1, but H2 in memory lives in one process: give the"
              + " --jdbc-url node 1 uses");
    }
  }

  /** The defaults: H2 in memory, four shoppers for ten seconds. */
  static ShopConfig defaults() {
    return new ShopConfig(
        null,
        null,
        null,
        "cachalot_shop",
        Duration.ofSeconds(10),
        4,
        1000,
        500,
        42,
        null,
        false,
        "shop",
        1);
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
    boolean near = config.nearCache;
    String namespace = config.namespace;
    int node = config.node;
    for (String arg : args) {
      if (arg.equals("--near-cache")) {
        near = true;
        continue;
      }
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
        case "near-cache" -> near = Boolean.parseBoolean(value);
        case "namespace" -> namespace = value;
        case "node" -> node = Math.toIntExact(number(name, value));
        default -> throw new IllegalArgumentException("unknown option --" + name);
      }
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
        seed,
        blankToNull(redis),
        near,
        namespace,
        node);
  }

  /** Whether the database is the embedded H2 one. */
  boolean embedded() {
    return jdbcUrl == null || jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:");
  }

  /** Whether this node joins the tables, catalog and caches node 1 made, instead of making them. */
  boolean joins() {
    return node > 1;
  }

  /** The same configuration on another database. */
  ShopConfig withDatabase(String url, String schemaName) {
    return new ShopConfig(
        url,
        jdbcUser,
        jdbcPassword,
        schemaName,
        duration,
        shoppers,
        products,
        users,
        seed,
        redisUri,
        nearCache,
        namespace,
        node);
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
        seed,
        redisUri,
        nearCache,
        namespace,
        node);
  }

  /** The same configuration with the caches on Redis at {@code uri}, as node {@code number}. */
  ShopConfig onRedis(String uri, boolean near, String redisNamespace, int number) {
    return new ShopConfig(
        jdbcUrl,
        jdbcUser,
        jdbcPassword,
        schema,
        duration,
        shoppers,
        products,
        users,
        seed + number - 1,
        uri,
        near,
        redisNamespace,
        number);
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
