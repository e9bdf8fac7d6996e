package dev.cachalot.examples.quickstart;

/** An analytics event: a user saw a page. */
public record PageView(long id, String page) {}
