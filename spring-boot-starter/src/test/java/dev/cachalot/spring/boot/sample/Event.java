package dev.cachalot.spring.boot.sample;

/** An analytics event. */
public record Event(long id, String what) {}
