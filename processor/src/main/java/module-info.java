/**
 * The Cachalot annotation processor: generates the {@code Cached*} decorators of DAO interfaces.
 */
module dev.cachalot.processor {
  requires java.compiler;
  requires dev.cachalot.rules;
  requires com.palantir.javapoet;
  requires static com.google.auto.service;

  provides javax.annotation.processing.Processor with
      dev.cachalot.processor.CachalotProcessor;
}
