package dev.cachalot.examples.quickstart;

/** A row of the product catalog. */
public record Product(long id, String name, long priceCents) {}
