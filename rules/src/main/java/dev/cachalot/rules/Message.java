package dev.cachalot.rules;

import java.util.Locale;

/**
 * Every diagnostic the processor reports, in one place. Each message says what is wrong and what to
 * write instead; the arguments fill its {@code %s} slots in order.
 */
public enum Message {
  NOT_AN_INTERFACE(
      "@%s is on %s: Cachalot decorates interfaces only. Declare the annotated methods in an"
          + " interface that %s implements, and annotate them there"),
  GENERIC_INTERFACE(
      "interface %s has type parameters %s: Cachalot needs the key and value types at compile time."
          + " Annotate the methods in a non-generic interface that gives them concrete types, for"
          + " example interface ProductStore extends %s<%s>, and redeclare them there"),
  PRIVATE_INTERFACE(
      "interface %s is private, so the generated %s cannot implement it: make it package-private"
          + " or public"),
  GENERIC_METHOD(
      "%s has type parameters %s: a cached method needs concrete key and value types. Declare it"
          + " without type parameters, for example Product find(long id)"),
  STATIC_METHOD(
      "@%s is on static method %s, which a decorator cannot intercept: remove the annotation or make"
          + " it an abstract interface method"),
  TWO_STRATEGIES("%s has both @%s and @%s: one method uses one strategy. Keep one of them"),
  NO_CACHE_NAME(
      "@%s on %s names no cache: write @%s(cache = \"...\") or put @CacheDefaults(cache = \"...\") on"
          + " interface %s"),
  MALFORMED_DURATION(
      "%s = \"%s\" is not a duration: write a positive number followed by ms, s, m, h or d"
          + " (500ms, 30s, 10m, 2h, 1d), or ISO-8601 such as PT10M"),
  NON_POSITIVE_DURATION(
      "%s = \"%s\" is not positive: write a duration greater than zero, such as 30s, or leave %s"
          + " empty"),
  MALFORMED_KEY(
      "key = \"%s\" is not a key expression: write parameter names or property paths separated by"
          + " commas, such as \"id\", \"product.id\" or \"tenant, product.id\""),
  KEY_AND_KEY_PARAMETERS(
      "%s gives its key twice, with key = \"%s\" and with @Key on %s: keep one of the two"),
  KEY_UNKNOWN_PARAMETER(
      "key = \"%s\": %s has no parameter named %s; its parameters are %s. Start each key part with"
          + " one of them%s"),
  KEY_UNKNOWN_PROPERTY(
      "key = \"%s\": %s has no property %s. Write a record component %s(), a getter %s() or"
          + " is%s(), or a public field %s, or use one of its properties: %s"),
  KEY_PROPERTY_OF_NON_OBJECT(
      "key = \"%s\": %s is a %s and has no property %s; end the key path before .%s"),
  KEY_RESULT_NOT_ALLOWED(
      "key = \"%s\" uses result, which names the value a write-through write returns, but %s %s."
          + " Use @WriteThrough on a write that returns the value type, or build the key from the"
          + " parameters"),
  NO_KEY(
      "%s has no parameter to build a key from: add a key parameter, for example %s(long id), or"
          + " write key = \"...\" over its parameters"),
  TWO_CACHE_VALUES(
      "%s marks %s with @CacheValue: a write stores one value. Keep @CacheValue on one of them"),
  AMBIGUOUS_VALUE(
      "cannot tell which parameter of %s is the value to cache: %s could each be. Mark the value"
          + " with @CacheValue, or mark the key parameters with @Key (a void method whose parameters"
          + " are all key parts is a delete)"),
  WRITE_BEHIND_RETURNS_VALUE(
      "%s is a write-behind write but returns %s: the database has not seen the write when the"
          + " call returns, so there is nothing to return. Declare it void, or use @WriteThrough"
          + " to get the database's result"),
  RESULT_NOT_VALUE_TYPE(
      "key = \"%s\" uses result, but %s returns %s, not the value type of cache \"%s\" (%s). Return"
          + " the value type, or build the key from the parameters"),
  NO_VALUE_TYPE(
      "cache \"%s\" is @%s but none of the methods declared with it reads or writes it, so its"
          + " value type is unknown. Declare its read or write method here, or replace @%s on %s"
          + " with @Invalidate(cache = \"%s\")"),
  STRATEGY_CONFLICT(
      "cache \"%s\" is @%s here but @%s on %s: one cache has one strategy. Use another cache name"
          + " for one of them, or the same strategy on both"),
  KEY_TYPE_CONFLICT(
      "cache \"%s\" has key type %s here but %s on %s: one cache has one key type. Use another cache"
          + " name, or derive the same key, for example with key = \"...\""),
  VALUE_TYPE_CONFLICT(
      "cache \"%s\" has value type %s here but %s on %s: one cache has one value type. Use another"
          + " cache name for one of them; if this method is a write that returns something else,"
          + " mark the value it stores with @CacheValue"),
  SETTING_CONFLICT(
      "cache \"%s\" has %s = %s here but %s on %s: a cache's settings are given once, or repeated"
          + " identically. Remove one of them or make them equal"),
  NON_POSITIVE_SETTING("%s = %s must be at least 1: write a positive number, or leave it out"),
  CAPACITY_BELOW_MAX_BATCH(
      "capacity = %s is smaller than maxBatch = %s for cache \"%s\": the buffer must hold a whole"
          + " batch. Raise capacity to at least %s"),
  BATCH_METHOD_MISSING(
      "batchMethod = \"%s\": interface %s has no method %s. Declare void %s(List<%s> values) in %s,"
          + " or remove batchMethod"),
  BATCH_METHOD_WRONG_PARAMETERS(
      "batchMethod = \"%s\": %s must take exactly one Collection, List or Iterable of %s, the value"
          + " type of cache \"%s\"; declare it as void %s(List<%s> values)"),
  PARAMETER_NAMES_MISSING(
      "key = \"%s\" on %s names parameters, but %s was compiled without -parameters, so their"
          + " names are unknown at run time: compile it with -parameters (maven-compiler-plugin"
          + " <parameters>true</parameters>), mark the key parameters with @Key, or let the"
          + " Cachalot processor generate the decorator"),
  UNEXPECTED(
      "the Cachalot processor failed on %s: %s. This is a bug in Cachalot; please report it with"
          + " this stack trace: %s"),
  UNRESOLVED_TYPES(
      "Cachalot could not generate %s because %s never resolved; fix the errors about %s first");

  private final String format;

  Message(String format) {
    this.format = format;
  }

  /** Returns the message with its arguments filled in. */
  public String format(Object... arguments) {
    return String.format(Locale.ROOT, format, arguments);
  }
}
