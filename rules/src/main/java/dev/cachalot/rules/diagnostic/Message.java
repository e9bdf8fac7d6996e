package dev.cachalot.rules.diagnostic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every diagnostic of Cachalot, in one place, the same at compile time and at run time. Each says
 * what is wrong and what to write instead, starts with a stable id ({@code
 * [CACHALOT-KEY-UNKNOWN-PROPERTY]}) that users can search for, and has a severity.
 *
 * <p>Templates name their arguments ({@code {method}}); a name used twice is one argument. {@link
 * #format} takes the arguments in the order the names first appear and refuses a wrong count, so a
 * caller that passes too few or too many fails in the test of that message (there is one per
 * message) instead of showing a user a garbled text.
 */
public enum Message {
  NOT_AN_INTERFACE(
      "@{annotation} is on {element}: Cachalot decorates interfaces only. Declare the annotated"
          + " methods in an interface that {type} implements, and annotate them there"),
  GENERIC_INTERFACE(
      "interface {type} has type parameters {typeParameters}: Cachalot needs the key and value types"
          + " of a decorator. Annotate the methods in a non-generic interface that gives them"
          + " concrete types, for example interface ProductStore extends {type}<{example}>, and"
          + " decorate that one"),
  PRIVATE_INTERFACE(
      "interface {type} is private, so the generated {decorator} cannot implement it: make it"
          + " package-private or public"),
  GENERIC_METHOD(
      "{method} has type parameters {typeParameters}: a cached method needs concrete key and value"
          + " types. Declare it without type parameters, for example Product find(long id)"),
  STATIC_METHOD(
      "@{annotation} is on static method {method}, which a decorator cannot intercept: remove the"
          + " annotation or make it an abstract interface method"),
  TWO_STRATEGIES(
      "{method} has both @{first} and @{second}: one method uses one strategy. Keep one of them"),
  NO_CACHE_NAME(
      "@{annotation} on {method} names no cache: write @{annotation}(cache = \"...\") or put"
          + " @CacheDefaults(cache = \"...\") on interface {type}"),
  MALFORMED_DURATION(
      "{attribute} = \"{text}\" is not a duration: write a positive number followed by ms, s, m, h"
          + " or d (500ms, 30s, 10m, 2h, 1d), or ISO-8601 such as PT10M"),
  NON_POSITIVE_DURATION(
      "{attribute} = \"{text}\" is not positive: write a duration greater than zero, such as 30s,"
          + " or leave {attribute} empty"),
  MALFORMED_KEY(
      "key = \"{expression}\" is not a key expression: write parameter names or property paths"
          + " separated by commas, such as \"id\", \"product.id\" or \"tenant, product.id\""),
  KEY_AND_KEY_PARAMETERS(
      "{method} gives its key twice, with key = \"{expression}\" and with @Key on {parameters}:"
          + " keep one of the two"),
  KEY_UNKNOWN_PARAMETER(
      "key = \"{expression}\": {method} has no parameter named {root}; its parameters are"
          + " {parameters}. Start each key part with one of them{hint}"),
  KEY_UNKNOWN_PROPERTY(
      "key = \"{expression}\": {owner} has no property {step}. Write a record component {step}(),"
          + " a getter get{Step}() or is{Step}(), or a public field {step}, or use one of its"
          + " properties: {known}"),
  KEY_PROPERTY_OF_NON_OBJECT(
      "key = \"{expression}\": {path} is a {type} and has no property {step}; end the key path"
          + " before .{step}"),
  KEY_RESULT_NOT_ALLOWED(
      "key = \"{expression}\" uses result, which names the value a write-through write returns,"
          + " but {method} {reason}. Use @WriteThrough on a write that returns the value type, or"
          + " build the key from the parameters"),
  NO_KEY(
      "@Invalidate on {method} has no parameter to build the key to invalidate from: write"
          + " all = true to clear the whole cache, or give the method the key, for example"
          + " {name}(long id)"),
  AMBIGUOUS_WRITE(
      "{method} returns {type} and takes {candidates} besides its key: it reads as a write that"
          + " returns a count or a flag, but without @CacheValue it would be cached as a read of"
          + " {type} and never write. Mark the value it writes with @CacheValue, or, if it is a"
          + " read, key it by whole parameters (@Key, or key = \"...\" without property paths)"),
  KEY_WITHOUT_VALUE_EQUALITY(
      Severity.WARNING,
      "the key of {method} is a {type}, which does not override equals and hashCode: two equal"
          + " keys are different objects, so the cache never hits and each call adds an entry. Key"
          + " the cache by values (an id, a String, a record), for example key = \"{example}\", or"
          + " give {type} equals and hashCode"),
  NO_WRITE_METHOD(
      Severity.WARNING,
      "cache \"{cache}\" is @{annotation}, but none of the methods that use it here writes or"
          + " deletes it, so the strategy never applies: it is read like a @CacheAside cache. Mark"
          + " the value of its write with @CacheValue, declare the write, or use @CacheAside"),
  TWO_CACHE_VALUES(
      "{method} marks {parameters} with @CacheValue: a write stores one value. Keep @CacheValue on"
          + " one of them"),
  AMBIGUOUS_VALUE(
      "cannot tell which parameter of {method} is the value to cache: {candidates} could each be."
          + " Mark the value with @CacheValue, or mark the key parameters with @Key (a void method"
          + " whose parameters are all key parts is a delete)"),
  WRITE_BEHIND_RETURNS_VALUE(
      "{method} is a write-behind write but returns {type}: the database has not seen the write"
          + " when the call returns, so there is nothing to return. Declare it void, or use"
          + " @WriteThrough to get the database's result"),
  RESULT_NOT_VALUE_TYPE(
      "key = \"{expression}\" uses result, but {method} returns {returnType}, not the value type of"
          + " cache \"{cache}\" ({valueType}). Return the value type, or build the key from the"
          + " parameters"),
  NO_VALUE_TYPE(
      "cache \"{cache}\" is @{annotation} but none of the methods declared with it reads or writes"
          + " it, so its value type is unknown. Declare its read or write method here, or replace"
          + " @{annotation} on {method} with @Invalidate(cache = \"{cache}\")"),
  STRATEGY_CONFLICT(
      "cache \"{cache}\" is @{annotation} here but @{otherAnnotation} on {where}: one cache has one"
          + " strategy. Use another cache name for one of them, or the same strategy on both"),
  KEY_TYPE_CONFLICT(
      "cache \"{cache}\" has key type {keyType} here but {otherKeyType} on {where}: one cache has"
          + " one key type. Use another cache name, or derive the same key, for example with"
          + " key = \"...\""),
  VALUE_TYPE_CONFLICT(
      "cache \"{cache}\" has value type {valueType} here but {otherValueType} on {where}: one cache"
          + " has one value type. Use another cache name for one of them; if this method is a write"
          + " that returns something else, mark the value it stores with @CacheValue"),
  SETTING_CONFLICT(
      "cache \"{cache}\" has {setting} = {value} here but {otherValue} on {where}: a cache's"
          + " settings are given once, or repeated identically. Remove one of them or make them"
          + " equal"),
  DEFAULT_TTL_REPLACED(
      Severity.WARNING,
      "cache \"{cache}\" has ttl = {value} {ttlWhere}, which replaces the @CacheDefaults ttl"
          + " {defaultValue} {defaultWhere} for every entry of the cache: a cache has one ttl, and"
          + " a @CacheDefaults ttl applies only while no method gives one. Make them equal, remove"
          + " one of them, or give the methods that need another ttl a cache of their own"),
  NON_POSITIVE_SETTING(
      "{attribute} = {value} must be at least 1: write a positive number, or leave it out"),
  CAPACITY_BELOW_MAX_BATCH(
      "capacity = {capacity} is smaller than maxBatch = {maxBatch} for cache \"{cache}\": the"
          + " buffer must hold a whole batch. Raise capacity to at least {maxBatch}"),
  BATCH_METHOD_MISSING(
      "batchMethod = \"{name}\": interface {type} has no method {name}. Declare void"
          + " {name}(List<{valueType}> values) in {type}, or remove batchMethod"),
  BATCH_METHOD_WRONG_PARAMETERS(
      "batchMethod = \"{name}\": {method} must take exactly one Collection, List or Iterable of"
          + " {valueType}, the value type of cache \"{cache}\"; declare it as void"
          + " {name}(List<{valueType}> values)"),
  PARAMETER_NAMES_MISSING(
      "key = \"{expression}\" on {method} names parameters, but {type} was compiled without"
          + " -parameters, so their names are unknown at run time: compile it with -parameters"
          + " (maven-compiler-plugin <parameters>true</parameters>), mark the key parameters with"
          + " @Key, or let the Cachalot processor generate the decorator"),
  UNEXPECTED(
      "the Cachalot processor failed on {element}: {exception}. This is a bug in Cachalot; please"
          + " report it with this stack trace: {trace}"),
  UNRESOLVED_TYPES(
      "Cachalot could not generate the decorator of {dao} because type {type} never resolved; fix"
          + " the errors about {type} first");

  private final String template;
  private final Severity severity;

  Message(String template) {
    this(Severity.ERROR, template);
  }

  Message(Severity severity, String template) {
    this.severity = severity;
    this.template = template;
  }

  /** The stable id users see at the start of the text: {@code CACHALOT-KEY-UNKNOWN-PROPERTY}. */
  public String id() {
    return "CACHALOT-" + name().replace('_', '-');
  }

  public Severity severity() {
    return severity;
  }

  /** The names of the arguments, in the order {@link #format} takes them. */
  public List<String> parameters() {
    List<String> names = new ArrayList<>();
    Matcher matcher = Argument.PATTERN.matcher(template);
    while (matcher.find()) {
      if (!names.contains(matcher.group(1))) {
        names.add(matcher.group(1));
      }
    }
    return Collections.unmodifiableList(names);
  }

  /**
   * The message with its id and its arguments filled in: {@code [CACHALOT-NO-KEY] ...}.
   *
   * @throws IllegalArgumentException when the number of arguments is not the number of names
   */
  public String format(Object... arguments) {
    List<String> parameters = parameters();
    if (arguments.length != parameters.size()) {
      throw new IllegalArgumentException(
          id()
              + " takes "
              + parameters.size()
              + " arguments "
              + parameters
              + ", not "
              + arguments.length);
    }
    StringBuilder text = new StringBuilder("[").append(id()).append("] ");
    Matcher matcher = Argument.PATTERN.matcher(template);
    int from = 0;
    while (matcher.find()) {
      text.append(template, from, matcher.start());
      text.append(arguments[parameters.indexOf(matcher.group(1))]);
      from = matcher.end();
    }
    return text.append(template, from, template.length()).toString();
  }

  /** The pattern of an argument name in a template; a holder, as enum constructors run first. */
  private static final class Argument {
    static final Pattern PATTERN = Pattern.compile("\\{([A-Za-z]+)\\}");
  }
}
