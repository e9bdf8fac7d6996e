package dev.cachalot.it;

/** Only inherits its annotated methods, with the base's type argument: it gets a decorator. */
public interface RegionDao extends RegionBase<String> {}
