package dev.cachalot.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.Cachalot;
import dev.cachalot.CacheSpec;
import dev.cachalot.annotations.CacheAside;
import dev.cachalot.internal.CompositeKey;
import dev.cachalot.store.EntryCodec;
import dev.cachalot.store.EntryCodec.UndecodableEntryException;
import dev.cachalot.store.StoreCache;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The JSON entry codec, without Redis: what it writes, what it reads back, what it refuses. */
class JsonCodecTest {

  private final JsonCodec codec = new JsonCodec();

  /** A class without record components or setters: a constructor with parameter names. */
  public static final class Session {
    private final String token;
    private final String user;

    public Session(String token, String user) {
      this.token = token;
      this.user = user;
    }

    public String getToken() {
      return token;
    }

    public String getUser() {
      return user;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Session that && token.equals(that.token) && user.equals(that.user);
    }

    @Override
    public int hashCode() {
      return token.hashCode() * 31 + user.hashCode();
    }
  }

  /** A value with Java time, Optional, BigDecimal, a map and a list inside. */
  public record Order(
      long id,
      Instant placedAt,
      LocalDate deliveryDay,
      OffsetDateTime confirmedAt,
      Duration window,
      Optional<String> note,
      BigDecimal total,
      Map<String, Integer> quantities,
      List<Product> lines) {}

  /** The caches whose specs the tests use, declared as an application declares them. */
  public interface Caches {
    @CacheAside(cache = "orders")
    Optional<Order> order(long id);

    @CacheAside(cache = "sessions")
    Session session(String token);

    @CacheAside(cache = "byTenant")
    Product product(String tenant, long id);

    @CacheAside(cache = "nested")
    Map<String, List<Long>> nested(String name);

    @CacheAside(cache = "counters")
    Long counter(String name);
  }

  private static final Cachalot CACHALOT = Cachalot.inMemory();

  static {
    CACHALOT.decorate(
        Caches.class,
        (Caches)
            Proxy.newProxyInstance(
                Caches.class.getClassLoader(),
                new Class<?>[] {Caches.class},
                (proxy, method, args) -> {
                  throw new UnsupportedOperationException();
                }));
  }

  @AfterAll
  static void close() {
    CACHALOT.close();
  }

  private static CacheSpec spec(String cache) {
    return CACHALOT.cache(cache).spec();
  }

  private Object roundTrip(String cache, Object value) {
    return codec.decodeValue(spec(cache), codec.encodeValue(spec(cache), value));
  }

  private Object decode(String cache, String json) {
    return codec.decodeValue(spec(cache), json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void recordsWithJavaTimeOptionalAndCollectionsRoundTrip() {
    Map<String, Integer> quantities = new LinkedHashMap<>();
    quantities.put("anchor", 2);
    quantities.put("rope", 10);
    Order order =
        new Order(
            7,
            Instant.parse("2024-05-01T10:15:30.123456789Z"),
            LocalDate.of(2024, 5, 3),
            OffsetDateTime.of(2024, 5, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2)),
            Duration.ofMinutes(90),
            Optional.of("leave at the door"),
            new BigDecimal("123.450"),
            quantities,
            List.of(new Product(1, "anchor", 100)));

    assertThat(roundTrip("orders", order)).isEqualTo(order);
    Order without =
        new Order(8, null, null, null, null, Optional.empty(), null, Map.of(), List.of());
    assertThat(roundTrip("orders", without)).isEqualTo(without);
  }

  @Test
  void classesWithAConstructorOfNamedParametersRoundTrip() {
    assertThat(roundTrip("sessions", new Session("t-1", "ada")))
        .isEqualTo(new Session("t-1", "ada"));
  }

  @Test
  void genericValueTypesRoundTripWithTheirTypeArguments() {
    Map<String, List<Long>> nested = Map.of("a", List.of(1L, 2L), "b", List.of());
    Object decoded = roundTrip("nested", nested);

    assertThat(decoded).isEqualTo(nested);
    assertThat(((Map<?, ?>) decoded).get("a"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .allMatch(Long.class::isInstance);
    assertThat(roundTrip("counters", 42L)).isEqualTo(42L);
  }

  @Test
  void theEnvelopeCarriesItsVersionAndTheValueType() {
    byte[] bytes = codec.encodeValue(spec("counters"), 42L);

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo("{\"v\":1,\"t\":\"java.lang.Long\",\"d\":42}");
    assertThat(new String(codec.encodeValue(spec("nested"), Map.of()), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"v\":1,\"t\":\"java.util.Map<java.lang.String, java.util.List<java.lang.Long>>\","
                + "\"d\":{}}");
  }

  @Test
  void aRememberedAbsenceRoundTripsAndIsNoValue() {
    byte[] bytes = codec.encodeValue(spec("orders"), StoreCache.ABSENT);

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo("{\"v\":1,\"t\":\"" + Order.class.getTypeName() + "\",\"absent\":true}");
    assertThat(codec.decodeValue(spec("orders"), bytes)).isSameAs(StoreCache.ABSENT);
  }

  @Test
  void whatItDidNotWriteForTheCachesValueTypeDoesNotDecode() {
    String type = Session.class.getTypeName();
    List<String> refused =
        List.of(
            "",
            "not json",
            "[1,2]",
            "{\"t\":\"" + type + "\",\"v\":1,\"d\":{\"token\":\"t\",\"user\":\"u\"}}",
            "{\"v\":2,\"t\":\"" + type + "\",\"d\":{\"token\":\"t\",\"user\":\"u\"}}",
            "{\"v\":1,\"t\":\"java.lang.String\",\"d\":\"t\"}",
            "{\"v\":1,\"t\":\"" + type + "\",\"d\":{\"token\":\"t\"}}",
            "{\"v\":1,\"t\":\""
                + type
                + "\",\"d\":{\"token\":\"t\",\"user\":\"u\",\"admin\":true}}",
            "{\"v\":1,\"t\":\"" + type + "\",\"d\":{\"token\":\"t\",\"user\":\"u\"}} trailing",
            "{\"v\":1,\"t\":\"" + type + "\",\"d\":{\"token\":\"t\",\"user\":\"u\"},\"x\":1}",
            "{\"v\":1,\"t\":\"" + type + "\",\"d\":null}",
            "{\"v\":1,\"t\":\"" + type + "\",\"absent\":false}",
            "{\"v\":1,\"t\":\"" + type + "\",\"d\":{\"token\":\"t\",\"user\":\"u\"");

    for (String json : refused) {
      assertThatThrownBy(() -> decode("sessions", json))
          .as(json)
          .isInstanceOf(UndecodableEntryException.class)
          .hasMessageStartingWith("cache 'sessions' (value type " + type + "): not an entry");
    }
    assertThat(
            decode(
                "sessions",
                "{\"v\":1,\"t\":\"" + type + "\",\"d\":{\"token\":\"t\",\"user\":\"u\"}}"))
        .isEqualTo(new Session("t", "u"));
  }

  @Test
  void aPrimitiveComponentMayNotBeNull() {
    assertThatThrownBy(
            () ->
                decode(
                    "byTenant",
                    "{\"v\":1,\"t\":\"dev.cachalot.redis.Product\",\"d\":{\"id\":null,\"name\":\"x\","
                        + "\"priceCents\":1,\"updatedAt\":null}}"))
        .isInstanceOf(UndecodableEntryException.class);
  }

  @Test
  void keysAreTheirJsonAndCompositeKeysAnArrayOfTheirParts() {
    assertThat(codec.encodeKey(spec("orders"), 42L)).isEqualTo("42");
    assertThat(codec.encodeKey(spec("sessions"), "t-\"1\"")).isEqualTo("\"t-\\\"1\\\"\"");
    assertThat(codec.encodeKey(spec("byTenant"), CompositeKey.of("acme", 42L)))
        .isEqualTo("[\"acme\",42]");

    assertThat(codec.decodeKey(spec("orders"), "42")).isEqualTo(42L);
    assertThat(codec.decodeKey(spec("sessions"), "\"t-\\\"1\\\"\"")).isEqualTo("t-\"1\"");
    assertThat(codec.decodeKey(spec("byTenant"), "[\"acme\",42]"))
        .isEqualTo(CompositeKey.of("acme", 42L));
    for (String bad : List.of("[\"acme\"]", "[\"acme\",42,1]", "\"acme\"", "42 43", "")) {
      assertThatThrownBy(() -> codec.decodeKey(spec("byTenant"), bad))
          .as(bad)
          .isInstanceOf(UndecodableEntryException.class);
    }
  }

  @Test
  void theKeysItWritesWithoutJacksonAreTheOnesJacksonWrites() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper jackson =
        new com.fasterxml.jackson.databind.ObjectMapper();
    for (Object key :
        List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 7, Integer.MIN_VALUE, (short) 3)) {
      assertThat(codec.encodeKey(spec("orders"), key))
          .isEqualTo(utf8(jackson.writeValueAsBytes(key)));
    }
    for (String key :
        List.of(
            "",
            "plain",
            "caf\u00e9 \u20ac",
            "tab\tnew\nline",
            "quote\"",
            "back\\slash",
            "\u0001",
            "emoji \ud83d\ude00",
            "\u2028")) {
      assertThat(codec.encodeKey(spec("sessions"), key))
          .as(key)
          .isEqualTo(utf8(jackson.writeValueAsBytes(key)));
      assertThat(codec.decodeKey(spec("sessions"), codec.encodeKey(spec("sessions"), key)))
          .isEqualTo(key);
    }
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void theCodecIsAServiceOfTheStoreSpi() {
    assertThat(ServiceLoader.load(EntryCodec.class))
        .anySatisfy(codec -> assertThat(codec).isInstanceOf(JsonCodec.class));
  }
}
