package io.cairn.engine.segment.internal;

import org.roaringbitmap.Container;
import org.roaringbitmap.ContainerPointer;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * The size of the intersection of several bitmaps, without building it: the count path of a
 * group of plain conditions ({@link BitmapEvaluator#count}).
 *
 * <p>Why not {@link FastAggregation#andCardinality}: for more than two operands it runs {@code
 * workShyAnd}, which ANDs the containers of one key pairwise in place and recounts the bits after
 * every step (a popcount per word per operand), and allocates per key. Dense tags at millions of
 * users are all bitmap containers, and there the work that matters is reading each operand's
 * 8 KiB once: here a key whose containers are all bitmaps is ANDed word by word into one buffer
 * that stays in the L1 cache (a loop the JIT vectorises), and counted once at the end. Keys with
 * array or run containers take the library's container intersections, smallest first.
 */
final class AndCardinality {

  private static final int WORDS = 1 << 10; // 65,536 bits of a bitmap container

  private AndCardinality() {}

  /** {@code |b[0] ∧ b[1] ∧ …|}; the bitmaps are read, never modified. */
  static long of(RoaringBitmap... bitmaps) {
    if (bitmaps.length < 3) {
      return FastAggregation.andCardinality(bitmaps);
    }
    ContainerPointer[] at = new ContainerPointer[bitmaps.length];
    for (int i = 0; i < bitmaps.length; i++) {
      at[i] = bitmaps[i].getContainerPointer();
    }
    Container[] same = new Container[bitmaps.length];
    long[] acc = new long[WORDS];
    long[] word = new long[WORDS];
    long total = 0;
    while (alignOnNextCommonKey(at)) {
      boolean allBitmaps = true;
      for (int i = 0; i < at.length; i++) {
        same[i] = at[i].getContainer();
        allBitmaps &= at[i].isBitmapContainer();
      }
      total += allBitmaps ? denseKey(same, acc, word) : mixedKey(same);
      at[0].advance();
    }
    return total;
  }

  /**
   * Advances the pointers until all stand on the same key; false when one is exhausted. The
   * first pointer leads: the others only move forward to its key, so each is walked once.
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

  /** All operands are bitmap containers: AND their words into {@code acc}, count once. */
  private static long denseKey(Container[] same, long[] acc, long[] word) {
    ((org.roaringbitmap.BitmapContainer) same[0]).copyBitmapTo(acc, 0);
    for (int c = 1; c < same.length; c++) {
      ((org.roaringbitmap.BitmapContainer) same[c]).copyBitmapTo(word, 0);
      long any = 0;
      for (int i = 0; i < WORDS; i++) {
        acc[i] &= word[i];
        any |= acc[i];
      }
      if (any == 0) {
        return 0;
      }
    }
    long bits = 0;
    for (int i = 0; i < WORDS; i++) {
      bits += Long.bitCount(acc[i]);
    }
    return bits;
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
