package dev.cachalot.examples.shop;

/** A row of the product catalog; prices are in cents. */
public record Product(long id, String name, String category, long priceCents) {

  /** The same product at another price. */
  public Product withPrice(long newPriceCents) {
    return new Product(id, name, category, newPriceCents);
  }
}
