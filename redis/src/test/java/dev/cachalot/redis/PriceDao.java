package dev.cachalot.redis;

import dev.cachalot.annotations.WriteThrough;
import java.util.Optional;

/** Write-through: prices, whose staleness is a bug. */
public interface PriceDao {

  @WriteThrough(cache = "prices", ttl = "10m")
  Optional<Price> price(long productId);

  @WriteThrough(cache = "prices", key = "price.productId")
  void save(Price price);

  @WriteThrough(cache = "prices")
  void deletePrice(long productId);
}
