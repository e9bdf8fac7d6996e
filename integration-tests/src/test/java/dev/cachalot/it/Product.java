package dev.cachalot.it;

/** A catalog row; a record, so key paths resolve to its components. */
public record Product(long id, String name, long priceCents) {}
