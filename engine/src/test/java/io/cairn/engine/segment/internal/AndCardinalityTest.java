package io.cairn.engine.segment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * {@link AndCardinality} against the plain pairwise AND, on random bitmaps of every container kind.
 */
class AndCardinalityTest {

  private static final long SEED = 7_2026_12_01L;

  @Test
  void readsContainersInPlace() {
    assertNotSame(
        ContainerWords.COPY, ContainerWords.best(), "in-place access unavailable: counts copy");
  }

  @Test
  void equalsTheSizeOfThePairwiseAndReadingInPlace() {
    equalsTheSizeOfThePairwiseAnd(ContainerWords.best());
  }

  @Test
  void equalsTheSizeOfThePairwiseAndCopying() {
    equalsTheSizeOfThePairwiseAnd(ContainerWords.COPY);
  }

  private static void equalsTheSizeOfThePairwiseAnd(ContainerWords access) {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int round = 0; round < 300; round++) {
      int operands = 1 + random.nextInt(10);
      RoaringBitmap[] bitmaps = new RoaringBitmap[operands];
      for (int i = 0; i < operands; i++) {
        bitmaps[i] = randomBitmap(random);
      }
      RoaringBitmap expected = bitmaps[0].clone();
      for (int i = 1; i < operands; i++) {
        expected.and(bitmaps[i]);
      }
      RoaringBitmap[] before = new RoaringBitmap[operands];
      for (int i = 0; i < operands; i++) {
        before[i] = bitmaps[i].clone();
      }
      assertEquals(
          expected.getLongCardinality(),
          AndCardinality.of(access, bitmaps),
          "round " + round + " of seed " + SEED);
      for (int i = 0; i < operands; i++) {
        assertEquals(
            before[i], bitmaps[i], "operand modified, round " + round + " of seed " + SEED);
      }
    }
  }

  /** Every operand count from 3 to 12 with all keys dense: every pass layout of the kernel. */
  @Test
  void denseOperandsOfEveryCount() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    RoaringBitmap[] pool = new RoaringBitmap[12];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = new RoaringBitmap();
      double share = 0.3 + 0.6 * random.nextDouble();
      for (int v = 0; v < 4 << 16; v++) {
        if (random.nextDouble() < share) {
          pool[i].add(v);
        }
      }
    }
    for (int n = 3; n <= pool.length; n++) {
      RoaringBitmap[] operands = java.util.Arrays.copyOf(pool, n);
      long expected = FastAggregation.and(operands).getLongCardinality();
      assertEquals(
          expected, AndCardinality.of(ContainerWords.best(), operands), n + " operands in place");
      assertEquals(
          expected, AndCardinality.of(ContainerWords.COPY, operands), n + " operands copied");
    }
  }

  @Test
  void emptyAndDisjointOperandsCountZero() {
    RoaringBitmap dense = new RoaringBitmap();
    dense.add(0L, 200_000L);
    RoaringBitmap far = RoaringBitmap.bitmapOf(5_000_000);
    assertEquals(0, AndCardinality.of(dense, dense, new RoaringBitmap()));
    assertEquals(0, AndCardinality.of(dense, far, dense));
    assertEquals(200_000, AndCardinality.of(dense, dense, dense));
    assertEquals(
        200_000, AndCardinality.of(ContainerWords.COPY, dense, dense, dense, dense, dense, dense));
  }

  /**
   * Keys 0–15, each independently absent, dense (bitmap container, 30–90 % of bits), sparse (array
   * container) or a few long runs (run container after runOptimize).
   */
  private static RoaringBitmap randomBitmap(SplittableRandom random) {
    RoaringBitmap b = new RoaringBitmap();
    for (int key = 0; key < 16; key++) {
      int base = key << 16;
      switch (random.nextInt(5)) {
        case 0 -> {}
        case 1, 2 -> {
          double share = 0.3 + 0.6 * random.nextDouble();
          for (int i = 0; i < 65_536; i++) {
            if (random.nextDouble() < share) {
              b.add(base + i);
            }
          }
        }
        case 3 -> {
          for (int i = 0; i < 1 + random.nextInt(2_000); i++) {
            b.add(base + random.nextInt(65_536));
          }
        }
        default -> {
          for (int r = 0; r < 1 + random.nextInt(4); r++) {
            int start = random.nextInt(65_536);
            b.add(
                (long) base + start,
                (long) base + Math.min(65_536, start + random.nextInt(30_000)));
          }
        }
      }
    }
    b.runOptimize();
    return b;
  }
}
