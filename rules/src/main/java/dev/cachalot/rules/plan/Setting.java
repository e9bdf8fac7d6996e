package dev.cachalot.rules.plan;

/** A setting of a cache that may be given on any one of its methods, in any interface. */
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
