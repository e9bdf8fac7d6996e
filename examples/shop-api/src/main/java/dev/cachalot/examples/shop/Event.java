package dev.cachalot.examples.shop;

import java.time.Instant;

/** An analytics event: what a user did, on which product, when. */
public record Event(long id, String userName, EventKind kind, long productId, Instant at) {}
