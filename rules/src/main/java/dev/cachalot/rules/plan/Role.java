package dev.cachalot.rules.plan;

/** What a decorated method does, inferred from its shape. */
public enum Role {
  /** Returns a value and stores none: cache lookup, load on a miss. */
  READ,
  /** Stores a value: per the strategy's write path. */
  WRITE,
  /** Returns void and every parameter is a key part: per the strategy's delete path. */
  DELETE,
  /** No strategy annotation: delegated, then any {@code @Invalidate} runs. */
  PASS_THROUGH
}
