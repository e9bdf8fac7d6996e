package dev.cachalot.rules.read;

import dev.cachalot.rules.diagnostic.Report;
import dev.cachalot.rules.element.AnnotationRef;
import dev.cachalot.rules.element.DaoType;
import dev.cachalot.rules.element.Site;
import dev.cachalot.rules.link.CacheUse.Explicit;

/**
 * The {@code @CacheDefaults} of one interface, which apply to the methods it declares (also when a
 * sub-interface is decorated).
 *
 * @param type the interface
 * @param cache the default cache name, or empty
 * @param ttl the default ttl as given, or null
 */
record CacheDefaultsReading(DaoType type, String cache, Explicit<Site> ttl) {

  /** Reads the {@code @CacheDefaults} of {@code type}; a malformed ttl goes to {@code report}. */
  static CacheDefaultsReading of(DaoType type, Report report) {
    AnnotationRef defaults = Annotations.find(type.annotations(), Annotations.CACHE_DEFAULTS);
    if (defaults == null) {
      return new CacheDefaultsReading(type, "", null);
    }
    return new CacheDefaultsReading(
        type,
        Annotations.string(defaults, "cache"),
        SettingRules.duration(defaults, "ttl", report));
  }
}
