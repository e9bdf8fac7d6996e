package dev.cachalot.redis;

import java.time.Instant;

/** A catalog row; a record with a Java time component, as JSON must carry it. */
public record Product(long id, String name, long priceCents, Instant updatedAt) {

  Product(long id, String name, long priceCents) {
    this(id, name, priceCents, Instant.parse("2024-05-01T10:15:30.123456789Z"));
  }

  Product withPrice(long cents) {
    return new Product(id, name, cents, updatedAt);
  }
}
