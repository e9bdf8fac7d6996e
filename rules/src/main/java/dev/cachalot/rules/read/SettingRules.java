package dev.cachalot.rules.read;

import dev.cachalot.annotations.Strategy;
import dev.cachalot.rules.diagnostic.Message;
import dev.cachalot.rules.diagnostic.Report;
import dev.cachalot.rules.element.AnnotationRef;
import dev.cachalot.rules.element.Site;
import dev.cachalot.rules.link.CacheUse.Explicit;
import dev.cachalot.rules.plan.Setting;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a strategy annotation gives explicitly, and the rules for their values: positive
 * durations, counts of at least one. A setting that is not written is not given, whatever its
 * default, so that it takes the value another method or interface gives.
 */
final class SettingRules {

  private SettingRules() {}

  /**
   * The settings {@code annotation} of {@code strategy} writes; bad values go to {@code report}.
   */
  static Map<Setting, Explicit<Site>> read(
      AnnotationRef annotation, Strategy strategy, Report report) {
    Map<Setting, Explicit<Site>> settings = new EnumMap<>(Setting.class);
    put(settings, Setting.TTL, duration(annotation, "ttl", report));
    if (strategy == Strategy.CACHE_ASIDE) {
      put(settings, Setting.NEGATIVE_TTL, duration(annotation, "negativeTtl", report));
    }
    if (strategy == Strategy.WRITE_BEHIND) {
      put(settings, Setting.FLUSH_MILLIS, count(annotation, "flushMillis", report));
      put(settings, Setting.MAX_BATCH, count(annotation, "maxBatch", report));
      put(settings, Setting.CAPACITY, count(annotation, "capacity", report));
      if (annotation.isExplicit("batchMethod")) {
        String name = Annotations.string(annotation, "batchMethod");
        if (!name.isEmpty()) {
          settings.put(
              Setting.BATCH_METHOD,
              new Explicit<>(name, "\"" + name + "\"", annotation.site("batchMethod")));
        }
      }
    }
    return settings;
  }

  private static void put(
      Map<Setting, Explicit<Site>> settings, Setting setting, Explicit<Site> explicit) {
    if (explicit != null) {
      settings.put(setting, explicit);
    }
  }

  /**
   * The duration {@code attribute} gives, or null when it is not written or empty; a malformed or
   * non-positive one is reported and also null.
   */
  static Explicit<Site> duration(AnnotationRef annotation, String attribute, Report report) {
    if (!annotation.isExplicit(attribute)) {
      return null;
    }
    String text = Annotations.string(annotation, attribute);
    if (text.isEmpty()) {
      return null;
    }
    Site site = annotation.site(attribute);
    Optional<Duration> duration = Durations.parse(text);
    if (duration.isEmpty()) {
      report.report(site, Message.MALFORMED_DURATION, attribute, text);
      return null;
    }
    if (duration.get().isZero() || duration.get().isNegative()) {
      report.report(site, Message.NON_POSITIVE_DURATION, attribute, text);
      return null;
    }
    return new Explicit<>(duration.get(), "\"" + text + "\"", site);
  }

  /** The count {@code attribute} gives, or null when not written; below 1 is reported. */
  private static Explicit<Site> count(AnnotationRef annotation, String attribute, Report report) {
    if (!annotation.isExplicit(attribute)) {
      return null;
    }
    Number value = (Number) annotation.value(attribute);
    Site site = annotation.site(attribute);
    if (value.longValue() < 1) {
      report.report(site, Message.NON_POSITIVE_SETTING, attribute, value);
      return null;
    }
    return new Explicit<>(value, value.toString(), site);
  }
}
