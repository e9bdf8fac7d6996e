package dev.cachalot.bench;

/** The value every read benchmark caches. */
public record Product(long id, String name) {}
