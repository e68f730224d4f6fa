package io.cairn.engine.segment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * {@link ChunkPlan} (and its word kernels, {@link ChunkWords}) against the same rule computed with
 * plain RoaringBitmap operations, on seeded random bitmaps mixing array, bitmap and run containers,
 * empty operands and ids on both sides of 2^31.
 */
class ChunkPlanTest {

  private static final long SEED = Long.getLong("cairn.chunk.seed", 20261201L);

  /** Chunks used by the random bitmaps: the first few, and around 2^31 (keys 32767, 32768). */
  private static final int[] KEYS = {0, 1, 2, 3, 7, 32_766, 32_767, 32_768, 65_535};

  @Test
  void evaluateAndCountEqualPlainRoaringOperations() {
    SplittableRandom random = new SplittableRandom(SEED);
    RoaringBitmap[] pool = new RoaringBitmap[14];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = i == 0 ? new RoaringBitmap() : randomBitmap(random);
    }
    for (int round = 0; round < 400; round++) {
      List<ChunkPlan.Group> groups = new ArrayList<>();
      RoaringBitmap expected = new RoaringBitmap();
      for (int g = 0, n = 1 + random.nextInt(3); g < n; g++) {
        List<ChunkPlan.Term> all = new ArrayList<>();
        List<ChunkPlan.Term> none = new ArrayList<>();
        RoaringBitmap members = null;
        for (int t = 0, m = 1 + random.nextInt(5); t < m; t++) {
          RoaringBitmap[] term = randomTerm(random, pool, all);
          members = members == null ? term[0] : RoaringBitmap.and(members, term[0]);
        }
        for (int t = 0, m = random.nextInt(3); t < m; t++) {
          members = RoaringBitmap.andNot(members, randomTerm(random, pool, none)[0]);
        }
        groups.add(new ChunkPlan.Group(all, none));
        expected.or(members);
      }
      String where = "round " + round + " of seed " + SEED + " (-Dcairn.chunk.seed)";
      assertEquals(expected, new ChunkPlan(groups).evaluate(), where);
      assertEquals(expected.getLongCardinality(), new ChunkPlan(copy(groups)).count(), where);
    }
  }

  /** Both ways of assembling the result: in place, and the public-methods fallback. */
  @Test
  void assemblesChunksInPlaceAndThroughTheFallbackAlike() {
    SplittableRandom random = new SplittableRandom(SEED + 2);
    for (int round = 0; round < 20; round++) {
      RoaringBitmap source = randomBitmap(random);
      RoaringBitmap[] built = new RoaringBitmap[2];
      for (int way = 0; way < 2; way++) {
        ChunkWords.Builder builder = new ChunkWords.Builder(way == 0);
        ChunkPlan.Operand chunks = new ChunkPlan.Operand(source);
        for (int key = 0; key <= chunks.lastKey(); key++) {
          org.roaringbitmap.Container c = chunks.at(key);
          if (c != null) {
            ChunkWords.set(c, builder.words());
            builder.append((char) key, ChunkWords.count(builder.words()));
          }
        }
        built[way] = builder.build();
      }
      assertEquals(source, built[0], "in place, round " + round + " of seed " + SEED);
      assertEquals(source, built[1], "fallback, round " + round + " of seed " + SEED);
    }
  }

  @Test
  void emptyGroupsEvaluateToAnEmptyBitmap() {
    RoaringBitmap dense = new RoaringBitmap();
    dense.add(0L, 300_000L);
    ChunkPlan.Group nothing =
        new ChunkPlan.Group(
            List.of(ChunkPlan.Term.anyOf(dense), ChunkPlan.Term.anyOf()), List.of());
    assertEquals(new RoaringBitmap(), new ChunkPlan(List.of(nothing)).evaluate());
    ChunkPlan.Group all =
        new ChunkPlan.Group(
            List.of(ChunkPlan.Term.butNot(dense, new RoaringBitmap())),
            List.of(ChunkPlan.Term.anyOf(dense)));
    assertEquals(0, new ChunkPlan(List.of(all)).count());
  }

  /**
   * Adds a random term to {@code terms}; returns its plain value (element 0): a union of 0–3 pool
   * bitmaps, or a pool bitmap minus such a union.
   */
  private static RoaringBitmap[] randomTerm(
      SplittableRandom random, RoaringBitmap[] pool, List<ChunkPlan.Term> terms) {
    RoaringBitmap[] anyOf = new RoaringBitmap[random.nextInt(4)];
    RoaringBitmap union = new RoaringBitmap();
    for (int i = 0; i < anyOf.length; i++) {
      anyOf[i] = pool[random.nextInt(pool.length)];
      union.or(anyOf[i]);
    }
    if (random.nextBoolean()) {
      if (anyOf.length == 0) {
        anyOf = new RoaringBitmap[] {pool[random.nextInt(pool.length)]};
        union = anyOf[0].clone();
      }
      terms.add(ChunkPlan.Term.anyOf(anyOf));
      return new RoaringBitmap[] {union};
    }
    RoaringBitmap within = pool[random.nextInt(pool.length)];
    terms.add(ChunkPlan.Term.butNot(within, anyOf));
    return new RoaringBitmap[] {RoaringBitmap.andNot(within, union)};
  }

  /** The same groups with fresh cursors: a plan is evaluated once. */
  private static List<ChunkPlan.Group> copy(List<ChunkPlan.Group> groups) {
    List<ChunkPlan.Group> out = new ArrayList<>();
    for (ChunkPlan.Group g : groups) {
      out.add(new ChunkPlan.Group(copyTerms(g.all()), copyTerms(g.none())));
    }
    return out;
  }

  private static List<ChunkPlan.Term> copyTerms(List<ChunkPlan.Term> terms) {
    List<ChunkPlan.Term> out = new ArrayList<>();
    for (ChunkPlan.Term t : terms) {
      RoaringBitmap[] anyOf = new RoaringBitmap[t.anyOf.length];
      for (int i = 0; i < anyOf.length; i++) {
        anyOf[i] = t.anyOf[i].bitmap;
      }
      out.add(
          t.within == null
              ? ChunkPlan.Term.anyOf(anyOf)
              : ChunkPlan.Term.butNot(t.within.bitmap, anyOf));
    }
    return out;
  }

  /**
   * Each chunk of {@link #KEYS} independently absent, dense (bitmap container), sparse (array),
   * nearly full with short gaps (many runs), or a few long runs; run-optimised like the index.
   */
  private static RoaringBitmap randomBitmap(SplittableRandom random) {
    RoaringBitmap b = new RoaringBitmap();
    for (int key : KEYS) {
      long base = (long) key << 16;
      switch (random.nextInt(6)) {
        case 0 -> {}
        case 1 -> {
          double share = 0.2 + 0.7 * random.nextDouble();
          for (int i = 0; i < 65_536; i++) {
            if (random.nextDouble() < share) {
              b.add((int) (base + i));
            }
          }
        }
        case 2 -> {
          for (int i = 0, n = 1 + random.nextInt(3_000); i < n; i++) {
            b.add((int) (base + random.nextInt(65_536)));
          }
        }
        case 3 -> {
          b.add(base, base + 65_536);
          for (int i = 0, n = random.nextInt(1_500); i < n; i++) {
            b.remove((int) (base + random.nextInt(65_536)));
          }
        }
        default -> {
          for (int r = 0, n = 1 + random.nextInt(4); r < n; r++) {
            int start = random.nextInt(65_536);
            b.add(base + start, base + Math.min(65_536, start + random.nextInt(30_000)));
          }
        }
      }
    }
    b.runOptimize();
    return b;
  }
}
