/**
 * Cachalot for Spring Boot: the auto-configuration, the {@code cachalot.*} properties, the
 * decoration of DAO beans, and the Actuator endpoint, health indicator and meters.
 */
module dev.cachalot.spring.boot {
  requires transitive dev.cachalot.runtime;
  requires transitive spring.boot.autoconfigure;
  requires transitive spring.boot;
  requires transitive spring.beans;
  requires transitive spring.context;
  requires transitive spring.core;
  requires spring.aop;
  requires org.apache.commons.logging;
  requires static java.sql;
  // Optional: each auto-configuration that uses them is conditional on their classes.
  requires static transitive dev.cachalot.micrometer;
  requires static transitive micrometer.core;
  requires static transitive spring.boot.actuator;
  requires static transitive spring.boot.actuator.autoconfigure;
  // Only so that javac can read the Jackson annotations on Actuator's classes.
  requires static com.fasterxml.jackson.annotation;
  requires static transitive spring.boot.health;

  exports dev.cachalot.spring.boot;
  exports dev.cachalot.spring.boot.actuate;
  exports dev.cachalot.spring.boot.metrics;

  // Spring creates the configurations and reads their annotations reflectively.
  opens dev.cachalot.spring.boot to
      spring.core,
      spring.beans,
      spring.context;
  opens dev.cachalot.spring.boot.actuate to
      spring.core,
      spring.beans,
      spring.context;
  opens dev.cachalot.spring.boot.metrics to
      spring.core,
      spring.beans,
      spring.context;
}
