/**
 * The one reading, validation and planning of a DAO interface, over a small port of the element
 * model, for Cachalot's two decorator builders. Not API: its packages are exported to the processor
 * and the runtime only.
 */
module dev.cachalot.rules {
  requires transitive dev.cachalot.annotations;

  exports dev.cachalot.rules to
      dev.cachalot.processor,
      dev.cachalot.runtime;
  exports dev.cachalot.rules.diagnostic to
      dev.cachalot.processor,
      dev.cachalot.runtime;
  exports dev.cachalot.rules.element to
      dev.cachalot.processor,
      dev.cachalot.runtime;
  exports dev.cachalot.rules.link to
      dev.cachalot.processor,
      dev.cachalot.runtime;
  exports dev.cachalot.rules.plan to
      dev.cachalot.processor,
      dev.cachalot.runtime;
  exports dev.cachalot.rules.read to
      dev.cachalot.processor,
      dev.cachalot.runtime;
}
