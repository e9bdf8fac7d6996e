package dev.cachalot;

/** The value type of the tests. */
record Product(long id, String name) {}
