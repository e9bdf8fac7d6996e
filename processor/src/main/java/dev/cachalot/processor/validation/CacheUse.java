package dev.cachalot.processor.validation;

import dev.cachalot.processor.model.Strategy;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;

/**
 * What one annotation says about a named cache, with where it says it, for the per-compilation
 * consistency check of {@link CacheRegistry}.
 *
 * @param cache the cache name
 * @param strategy the strategy, or null for {@code @Invalidate}
 * @param keyParts the boxed key part types, or null when the use has no key
 * @param valueType the boxed value type, or null when the use has no value
 * @param settings the settings the annotation gives explicitly
 * @param defaultTtl the interface's {@code @CacheDefaults} ttl, or null
 * @param element the method the annotation is on
 * @param annotation the annotation
 * @param where the method, for messages about other uses: {@code ProductDao.findById(long)}
 */
public record CacheUse(
    String cache,
    Strategy strategy,
    List<TypeMirror> keyParts,
    TypeMirror valueType,
    Map<Setting, Explicit> settings,
    Explicit defaultTtl,
    Element element,
    AnnotationMirror annotation,
    String where) {

  /** A setting of a cache that may be given on any one of its methods. */
  public enum Setting {
    TTL("ttl"),
    NEGATIVE_TTL("negativeTtl"),
    FLUSH_MILLIS("flushMillis"),
    MAX_BATCH("maxBatch"),
    CAPACITY("capacity"),
    BATCH_METHOD("batchMethod");

    private final String attribute;

    Setting(String attribute) {
      this.attribute = attribute;
    }

    /** The annotation attribute that gives the setting. */
    public String attribute() {
      return attribute;
    }
  }

  /**
   * A value given explicitly, with where it was given.
   *
   * @param value the parsed value: a Duration, Long, Integer or String
   * @param text the value as written, for messages
   * @param element the element the annotation is on
   * @param annotation the annotation
   * @param position the annotation value
   */
  public record Explicit(
      Object value,
      String text,
      Element element,
      AnnotationMirror annotation,
      AnnotationValue position) {}
}
