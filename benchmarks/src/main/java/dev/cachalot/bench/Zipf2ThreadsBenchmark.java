package dev.cachalot.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link ZipfBenchmark} on two threads (the machine's cores); ns/op is per thread. */
@Threads(2)
public class Zipf2ThreadsBenchmark extends ZipfBenchmark {}
