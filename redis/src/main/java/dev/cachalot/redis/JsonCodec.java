package dev.cachalot.redis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import dev.cachalot.CacheSpec;
import dev.cachalot.internal.ArrayKey;
import dev.cachalot.internal.CompositeKey;
import dev.cachalot.internal.SingleKey;
import dev.cachalot.store.EntryCodec;
import dev.cachalot.store.StoreCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/*
 * Design note: the entry format.
 *
 * A value is written as a small JSON envelope, always with its fields in this order:
 *
 *   {"v":1,"t":"<value type>","d":<the value as JSON>}      a value
 *   {"v":1,"t":"<value type>","absent":true}                a remembered absence (ABSENT)
 *
 * "v" is the version of the envelope and comes first, so that a later version can change all that
 * follows it; a reader that does not know the version refuses the entry. "t" is the value type as
 * the cache declares it (Type.getTypeName(), type arguments included): an entry written for another
 * type (another cache that shares the key space, a deploy that changed the cache's value type) is
 * refused rather than decoded into the wrong shape. "d" is Jackson's JSON of the value for that
 * static type; nothing in the bytes chooses a class (no Java serialization, no default typing, no
 * type ids), so bytes from elsewhere can at worst fail to decode.
 *
 * The reader is strict where leniency would serve wrong data: unknown properties, missing creator
 * properties (a record that gained a component) and nulls for primitives fail, as does anything
 * after the envelope. Every failure is an UndecodableEntryException, which stores treat as a miss.
 *
 * Keys are the JSON of the key: a single-part key is the JSON of its value ("42", "\"abc\""), a
 * composite key the JSON array of its parts ("[\"acme\",42]"). Maps are written sorted by key and
 * bean properties in alphabetical order, so that equal keys give equal strings; they are decoded
 * with the cache's key types.
 */

/**
 * The JSON {@link EntryCodec} of Cachalot, on Jackson: values in a small versioned envelope for the
 * value type the cache declares (generic types included), {@link StoreCache#ABSENT} encoded
 * distinctly, keys as their JSON. Never Java serialization, never Jackson's default typing.
 * Records, Java time types ({@code Instant}, {@code LocalDate}, ...), {@code Optional}, and classes
 * whose constructor parameters carry their names (compiled with {@code -parameters}) are supported
 * out of the box; other shapes need the usual Jackson annotations or a mapper of your own.
 *
 * <p>The Redis store uses it for every cache, and it is the codec of any other store that keeps
 * entries outside the heap. Thread-safe; encoding and decoding do not block.
 */
public final class JsonCodec implements EntryCodec {

  /** The version of the envelope this codec writes, and the only one it reads. */
  static final int VERSION = 1;

  private final ObjectMapper mapper;
  private final ObjectMapper keyMapper;
  private final ConcurrentHashMap<String, Binding> bindings = new ConcurrentHashMap<>();

  /** A codec with Cachalot's mapper: Java time, {@code Optional}, parameter names, strict reads. */
  public JsonCodec() {
    this(defaultMapper());
  }

  /**
   * A codec on {@code mapper} (its modules and annotations mixed in), for value types that need
   * more than the default mapper knows. The mapper is copied; changing it afterwards has no effect
   * here. Do not enable default typing on it: the envelope already says what the type is.
   */
  public JsonCodec(ObjectMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper").copy();
    this.keyMapper = this.mapper.copy();
    keyMapper.setConfig(
        keyMapper
            .getSerializationConfig()
            .with(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS));
  }

  /** The mapper of {@link #JsonCodec()}: what it registers and how strictly it reads. */
  static ObjectMapper defaultMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(new Jdk8Module())
        .addModule(new ParameterNamesModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();
  }

  @Override
  public byte[] encodeValue(CacheSpec cache, Object value) {
    return bind(cache).encode(value);
  }

  @Override
  public Object decodeValue(CacheSpec cache, byte[] bytes) {
    return bind(cache).decode(bytes);
  }

  @Override
  public String encodeKey(CacheSpec cache, Object key) {
    return new String(bind(cache).encodeKey(key), StandardCharsets.UTF_8);
  }

  @Override
  public Object decodeKey(CacheSpec cache, String encoded) {
    return bind(cache).decodeKey(encoded);
  }

  /** The codec of one cache's value and key types, built once and kept. */
  Binding bind(CacheSpec cache) {
    Binding binding = bindings.get(cache.name());
    if (binding != null && binding.fits(cache)) {
      return binding;
    }
    Binding fresh = new Binding(cache.name(), cache.valueType(), cache.keyTypes());
    bindings.put(cache.name(), fresh);
    return fresh;
  }

  @Override
  public String toString() {
    return "JsonCodec(envelope v" + VERSION + ")";
  }

  /** How the entries of one cache are written: its value type and key types, resolved. */
  final class Binding {
    private final String cache;
    private final Type valueType;
    private final String typeName;
    private final ObjectReader valueReader;
    private final ObjectWriter valueWriter;
    private final List<Type> keyTypes;
    private final ObjectReader[] keyReaders;
    private final JsonFactory factory;

    Binding(String cache, Type valueType, List<Type> keyTypes) {
      this.cache = cache;
      this.valueType = valueType;
      this.typeName = valueType.getTypeName();
      JavaType type = mapper.getTypeFactory().constructType(valueType);
      // The envelope's reader checks what follows the value itself.
      this.valueReader =
          mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
      this.valueWriter = mapper.writerFor(type);
      this.keyTypes = List.copyOf(keyTypes);
      this.keyReaders = new ObjectReader[keyTypes.size()];
      for (int i = 0; i < keyReaders.length; i++) {
        keyReaders[i] =
            keyMapper
                .readerFor(keyMapper.getTypeFactory().constructType(keyTypes.get(i)))
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
      }
      this.factory = mapper.getFactory();
    }

    /** Whether this binding is the one of {@code spec}'s types. */
    boolean fits(CacheSpec spec) {
      return valueType.equals(spec.valueType()) && keyTypes.equals(spec.keyTypes());
    }

    /** The value type's name as the envelope carries it. */
    String typeName() {
      return typeName;
    }

    byte[] encode(Object value) {
      Objects.requireNonNull(value, "value");
      ByteArrayBuilder out = new ByteArrayBuilder(256);
      try (JsonGenerator json = factory.createGenerator(out)) {
        json.writeStartObject();
        json.writeNumberField("v", VERSION);
        json.writeStringField("t", typeName);
        if (value == StoreCache.ABSENT) {
          json.writeBooleanField("absent", true);
        } else {
          json.writeFieldName("d");
          valueWriter.writeValue(json, value);
        }
        json.writeEndObject();
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cache '"
                + cache
                + "': a value of "
                + value.getClass().getName()
                + " cannot be written as JSON for the value type "
                + typeName
                + ": "
                + e.getMessage(),
            e);
      }
      return out.toByteArray();
    }

    Object decode(byte[] bytes) {
      try (JsonParser json = factory.createParser(bytes)) {
        expect(json.nextToken() == JsonToken.START_OBJECT, "not a JSON object");
        expect("v".equals(json.nextFieldName()), "it does not start with the envelope version");
        expect(
            json.nextToken() == JsonToken.VALUE_NUMBER_INT, "the envelope version is not a number");
        int version = json.getIntValue();
        expect(version == VERSION, "envelope version " + version + ", this codec reads " + VERSION);
        expect("t".equals(json.nextFieldName()), "the value type is missing");
        String written = json.nextTextValue();
        expect(
            typeName.equals(written),
            "written for the value type " + written + ", the cache's is " + typeName);
        String field = json.nextFieldName();
        Object value;
        if ("d".equals(field)) {
          json.nextToken();
          value = valueReader.readValue(json);
          expect(value != null, "the value is null");
        } else {
          expect("absent".equals(field), "neither a value nor an absence");
          expect(json.nextToken() == JsonToken.VALUE_TRUE, "the absence is not marked true");
          value = StoreCache.ABSENT;
        }
        expect(json.nextToken() == JsonToken.END_OBJECT, "there are more fields after the value");
        expect(json.nextToken() == null, "there is more after the envelope");
        return value;
      } catch (IOException | RuntimeException e) {
        if (e instanceof UndecodableEntryException undecodable) {
          throw undecodable;
        }
        throw undecodable(e.getMessage(), e);
      }
    }

    byte[] encodeKey(Object key) {
      // The common keys without Jackson (every read encodes its key): the same bytes it writes.
      if (key instanceof Long || key instanceof Integer || key instanceof Short) {
        return key.toString().getBytes(StandardCharsets.US_ASCII);
      }
      if (key instanceof String text && plain(text)) {
        return ('"' + text + '"').getBytes(StandardCharsets.UTF_8);
      }
      try {
        return keyMapper.writeValueAsBytes(jsonOf(key));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cache '" + cache + "': the key " + key + " cannot be written as JSON", e);
      }
    }

    /**
     * What stands for {@code key} in JSON: the list of the parts of a key of several parts, the
     * elements of an array key, an empty list for the single entry of a cache without key parts.
     */
    private static Object jsonOf(Object key) {
      if (key instanceof CompositeKey composite) {
        Object[] parts = new Object[composite.size()];
        for (int i = 0; i < parts.length; i++) {
          parts[i] = jsonOf(composite.part(i));
        }
        return parts;
      }
      if (key instanceof ArrayKey array) {
        return array.toArray();
      }
      if (key instanceof SingleKey) {
        return new Object[0];
      }
      return key;
    }

    /** A decoded key part as the engines key it: an array as an {@link ArrayKey}. */
    private static Object keyOf(Object part) {
      return part.getClass().isArray() ? ArrayKey.of(part) : part;
    }

    /** Whether JSON writes {@code text} as it is between its quotes (nothing to escape). */
    private static boolean plain(String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
          return false;
        }
      }
      return true;
    }

    Object decodeKey(String encoded) {
      try {
        if (keyReaders.length == 1) {
          Object key =
              keyReaders[0].with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(encoded);
          expect(key != null, "the key is null");
          return keyOf(key);
        }
        if (keyReaders.length == 0) {
          expect("[]".equals(encoded), "a cache without key parts has the key []");
          return SingleKey.INSTANCE;
        }
        try (JsonParser json = keyMapper.getFactory().createParser(encoded)) {
          expect(json.nextToken() == JsonToken.START_ARRAY, "the composite key is not an array");
          Object[] parts = new Object[keyReaders.length];
          for (int i = 0; i < parts.length; i++) {
            json.nextToken();
            parts[i] = keyReaders[i].readValue(json);
            expect(parts[i] != null, "a key part is null");
            parts[i] = keyOf(parts[i]);
          }
          expect(json.nextToken() == JsonToken.END_ARRAY, "it has more key parts than the cache's");
          expect(json.nextToken() == null, "there is more after the key");
          Object[] more = new Object[parts.length - 2];
          System.arraycopy(parts, 2, more, 0, more.length);
          return CompositeKey.of(parts[0], parts[1], more);
        }
      } catch (IOException | RuntimeException e) {
        if (e instanceof UndecodableEntryException undecodable) {
          throw undecodable;
        }
        throw undecodable("the key '" + encoded + "': " + e.getMessage(), e);
      }
    }

    private void expect(boolean condition, String problem) {
      if (!condition) {
        throw undecodable(problem, null);
      }
    }

    private UndecodableEntryException undecodable(String problem, Throwable cause) {
      return new UndecodableEntryException(
          "cache '"
              + cache
              + "' (value type "
              + typeName
              + "): not an entry of this cache: "
              + problem,
          cause);
    }
  }
}
