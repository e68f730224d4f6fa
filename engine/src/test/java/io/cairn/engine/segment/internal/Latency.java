package io.cairn.engine.segment.internal;

import java.util.Arrays;

/**
 * Runs an operation repeatedly and reports latency percentiles; benchmarks only, never asserted.
 */
final class Latency {

  /** An operation returning its result (a count), so that results can be checked and kept live. */
  @FunctionalInterface
  interface Op {
    long run() throws Exception;
  }

  /** Percentiles over {@code runs} timed runs, and the result every run returned. */
  record Sample(double p50Ms, double p99Ms, int runs, long result) {}

  private Latency() {}

  /**
   * Runs {@code op} {@code warmups} times untimed, then {@code runs} times timed. Fails if two runs
   * disagree: a benchmark that returns varying counts measures nothing.
   */
  static Sample measure(int warmups, int runs, Op op) throws Exception {
    long result = op.run();
    for (int i = 1; i < warmups; i++) {
      check(result, op.run());
    }
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      long r = op.run();
      nanos[i] = System.nanoTime() - t0;
      check(result, r);
    }
    Arrays.sort(nanos);
    return new Sample(percentile(nanos, 0.50), percentile(nanos, 0.99), runs, result);
  }

  /**
   * Runs {@code a} and {@code b} alternately ({@code warmups} times each untimed, then {@code runs}
   * times each timed, which one goes first alternating too), so that both meet the same load of a
   * shared machine: a same-run comparison. Returns their samples in that order.
   */
  static Sample[] alternate(int warmups, int runs, Op a, Op b) throws Exception {
    Op[] ops = {a, b};
    long[] result = {a.run(), b.run()};
    for (int i = 1; i < warmups; i++) {
      check(result[0], a.run());
      check(result[1], b.run());
    }
    long[][] nanos = new long[2][runs];
    for (int i = 0; i < runs; i++) {
      for (int k = 0; k < 2; k++) {
        int which = (i + k) % 2;
        long t0 = System.nanoTime();
        long r = ops[which].run();
        nanos[which][i] = System.nanoTime() - t0;
        check(result[which], r);
      }
    }
    Sample[] out = new Sample[2];
    for (int k = 0; k < 2; k++) {
      Arrays.sort(nanos[k]);
      out[k] = new Sample(percentile(nanos[k], 0.50), percentile(nanos[k], 0.99), runs, result[k]);
    }
    return out;
  }

  private static void check(long expected, long actual) {
    if (expected != actual) {
      throw new AssertionError("result changed between runs: " + expected + " vs " + actual);
    }
  }

  /** Nearest-rank percentile of sorted nanoseconds, in milliseconds. */
  private static double percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }
}
