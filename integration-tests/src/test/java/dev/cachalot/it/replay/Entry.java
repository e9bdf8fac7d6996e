package dev.cachalot.it.replay;

/** A row of the ledger; a record, so that the JSON codec writes and reads it as it is. */
public record Entry(long id, String text) {}
