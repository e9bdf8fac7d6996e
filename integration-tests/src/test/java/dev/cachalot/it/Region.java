package dev.cachalot.it;

/** A sales region. */
public record Region(String code, String name) {}
