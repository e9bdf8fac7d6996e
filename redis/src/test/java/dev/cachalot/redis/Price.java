package dev.cachalot.redis;

/** The price of a product, written through. */
public record Price(long productId, long cents) {}
