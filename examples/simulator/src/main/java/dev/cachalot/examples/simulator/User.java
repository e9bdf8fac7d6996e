package dev.cachalot.examples.simulator;

/**
 * A row of the simulator's user tables: {@code user_1 = Alice}. Every write the page makes carries
 * a new {@code version}, so that the rows, the caches and the write-behind buffer can be told apart
 * at a glance, and so that the simulator can tell which acknowledged write reached the database.
 */
public record User(String id, String name, long version) {}
