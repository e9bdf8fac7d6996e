/**
 * The Cachalot runtime: {@link dev.cachalot.Cachalot}, the strategy engines, the store SPI and the
 * in-process store, and the decorators built at run time for interfaces the processor did not see.
 * {@code dev.cachalot.internal} is what generated code calls, and not API.
 */
module dev.cachalot.runtime {
  requires transitive dev.cachalot.annotations;
  requires dev.cachalot.rules;
  requires com.github.benmanes.caffeine;
  requires net.bytebuddy;
  requires org.slf4j;
  requires static com.google.errorprone.annotations;

  exports dev.cachalot;
  exports dev.cachalot.store;
  exports dev.cachalot.internal;

  uses dev.cachalot.store.EntryCodec;
}
