package dev.cachalot.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link ZipfBenchmark} on one thread. */
@Threads(1)
public class Zipf1ThreadBenchmark extends ZipfBenchmark {}
