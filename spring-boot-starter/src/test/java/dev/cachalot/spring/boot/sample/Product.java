package dev.cachalot.spring.boot.sample;

/** A product of the catalog. */
public record Product(long id, String name) {}
