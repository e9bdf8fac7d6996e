package dev.cachalot.examples.shop;

/** The kinds of analytics events the shop records. */
public enum EventKind {
  /** A product page was shown. */
  PAGE_VIEW,
  /** A product went into the cart. */
  ADD_TO_CART
}
