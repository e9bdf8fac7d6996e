package dev.cachalot.internal;

/**
 * The key of a cache whose reads take no parameter ({@code List<Region> allRegions()}): it holds
 * one entry, under this key.
 */
public enum SingleKey {
  INSTANCE;

  /** {@code ()}, as messages write a key of no parts. */
  @Override
  public String toString() {
    return "()";
  }
}
