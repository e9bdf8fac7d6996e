/** The annotations of Cachalot, and the {@link dev.cachalot.annotations.Strategy} they select. */
module dev.cachalot.annotations {
  exports dev.cachalot.annotations;
}
