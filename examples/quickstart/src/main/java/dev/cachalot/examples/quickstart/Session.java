package dev.cachalot.examples.quickstart;

/** A login session. */
public record Session(String token, String userName) {}
