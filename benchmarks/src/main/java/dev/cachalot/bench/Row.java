package dev.cachalot.bench;

/** A row the write benchmarks insert. */
public record Row(long id, String payload) {}
