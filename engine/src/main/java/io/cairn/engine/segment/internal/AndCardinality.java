package io.cairn.engine.segment.internal;

import org.roaringbitmap.BitmapContainer;
import org.roaringbitmap.Container;
import org.roaringbitmap.ContainerPointer;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * The size of the intersection of several bitmaps, without building it: the count path of a group
 * of plain conditions ({@link BitmapEvaluator#count}).
 *
 * <p>Why not {@link FastAggregation#andCardinality}: for more than two operands it runs {@code
 * workShyAnd}, which ANDs the containers of one key pairwise in place, recounting the bits after
 * every step, and allocates per key (2.8–3.2 ms p50 for SEG-1's ten dense tags at 10 M users in
 * SegmentBenchmark). Dense tags at millions of users are bitmap containers, and the cost that
 * remains is reading each operand's 8 KiB once: a key whose containers are all bitmaps is ANDed
 * four operands per pass over the words (plain loops over the arrays) and counted once, in the last
 * pass. There is no early exit on an empty intersection: for dense operands it is rare, and testing
 * for it every pass cost 40 % more in the microbenchmark of {@link ContainerWords}. Keys with array
 * or run containers use the library's container intersections, smallest first.
 */
final class AndCardinality {

  private static final int WORDS = ContainerWords.WORDS; // 65,536 bits of a bitmap container

  private AndCardinality() {}

  /** {@code |b[0] ∧ b[1] ∧ …|}; the bitmaps are read, never modified. */
  static long of(RoaringBitmap... bitmaps) {
    return of(ContainerWords.best(), bitmaps);
  }

  /** As {@link #of(RoaringBitmap...)}, reading bitmap containers through {@code access}. */
  static long of(ContainerWords access, RoaringBitmap... bitmaps) {
    if (bitmaps.length < 3) {
      return FastAggregation.andCardinality(bitmaps);
    }
    ContainerPointer[] at = new ContainerPointer[bitmaps.length];
    for (int i = 0; i < bitmaps.length; i++) {
      at[i] = bitmaps[i].getContainerPointer();
    }
    Container[] same = new Container[bitmaps.length];
    DenseKey dense = new DenseKey(access, bitmaps.length);
    long total = 0;
    while (alignOnNextCommonKey(at)) {
      boolean allBitmaps = true;
      for (int i = 0; i < at.length; i++) {
        same[i] = at[i].getContainer();
        allBitmaps &= at[i].isBitmapContainer();
      }
      total += allBitmaps ? dense.count(same) : mixedKey(same);
      at[0].advance();
    }
    return total;
  }

  /**
   * Advances the pointers until all stand on the same key; false when one is exhausted. The first
   * pointer leads: the others only move forward to its key, so each is walked once.
   */
  private static boolean alignOnNextCommonKey(ContainerPointer[] at) {
    while (true) {
      if (at[0].getContainer() == null) {
        return false;
      }
      char key = at[0].key();
      boolean aligned = true;
      for (int i = 1; i < at.length; i++) {
        while (at[i].getContainer() != null && at[i].key() < key) {
          at[i].advance();
        }
        if (at[i].getContainer() == null) {
          return false;
        }
        if (at[i].key() != key) {
          aligned = false;
          // move the leader up to this key: nothing below it can be common
          char higher = at[i].key();
          while (at[0].getContainer() != null && at[0].key() < higher) {
            at[0].advance();
          }
          break;
        }
      }
      if (aligned) {
        return true;
      }
    }
  }

  /** Counts keys whose operands are all bitmap containers; buffers reused across keys. */
  private static final class DenseKey {
    private final ContainerWords access;
    private final long[][] words;
    private final long[][] scratch;
    private final long[] acc = new long[WORDS];

    DenseKey(ContainerWords access, int operands) {
      this.access = access;
      this.words = new long[operands][];
      this.scratch = new long[operands][];
    }

    /**
     * {@code |same[0] ∧ …|}, four operands per pass: the first pass writes {@code acc}, middle
     * passes AND into it, the last one counts. A pass short of operands repeats its last one (x ∧ x
     * = x), so one kernel serves every operand count.
     */
    long count(Container[] same) {
      int n = same.length;
      for (int i = 0; i < n; i++) {
        if (access == ContainerWords.COPY && scratch[i] == null) {
          scratch[i] = new long[WORDS]; // reading in place needs no buffer
        }
        words[i] = access.words((BitmapContainer) same[i], scratch[i]);
      }
      if (n <= 4) {
        return countPass(null, words[0], words[at(1, n)], words[at(2, n)], words[at(3, n)]);
      }
      long[] a = words[0];
      long[] b = words[1];
      long[] c = words[2];
      long[] d = words[3];
      for (int i = 0; i < WORDS; i++) {
        acc[i] = a[i] & b[i] & c[i] & d[i];
      }
      int next = 4;
      for (; n - next > 4; next += 4) {
        a = words[next];
        b = words[next + 1];
        c = words[next + 2];
        d = words[next + 3];
        for (int i = 0; i < WORDS; i++) {
          acc[i] &= a[i] & b[i] & c[i] & d[i];
        }
      }
      return countPass(
          acc, words[next], words[at(next + 1, n)], words[at(next + 2, n)], words[at(next + 3, n)]);
    }

    /** The index {@code i}, or the last operand when there are fewer. */
    private static int at(int i, int n) {
      return Math.min(i, n - 1);
    }

    /** Bits set in {@code acc ∧ a ∧ b ∧ c ∧ d} ({@code acc} null = all ones). */
    private static long countPass(long[] acc, long[] a, long[] b, long[] c, long[] d) {
      long bits = 0;
      if (acc == null) {
        for (int i = 0; i < WORDS; i++) {
          bits += Long.bitCount(a[i] & b[i] & c[i] & d[i]);
        }
      } else {
        for (int i = 0; i < WORDS; i++) {
          bits += Long.bitCount(acc[i] & a[i] & b[i] & c[i] & d[i]);
        }
      }
      return bits;
    }
  }

  /** Some operand is an array or run container: intersect starting from the smallest. */
  private static long mixedKey(Container[] same) {
    int smallest = 0;
    for (int i = 1; i < same.length; i++) {
      if (same[i].getCardinality() < same[smallest].getCardinality()) {
        smallest = i;
      }
    }
    Container result = same[smallest];
    for (int i = 0; i < same.length && !result.isEmpty(); i++) {
      if (i != smallest) {
        result = result.and(same[i]); // a new container: the operands stay untouched
      }
    }
    return result.getCardinality();
  }
}
