/**
 * Micrometer meters for Cachalot: {@link dev.cachalot.micrometer.CachalotMetrics}, a {@code
 * MeterBinder} for a {@code Cachalot}.
 */
module dev.cachalot.micrometer {
  requires transitive dev.cachalot.runtime;
  requires transitive micrometer.core;

  exports dev.cachalot.micrometer;
}
