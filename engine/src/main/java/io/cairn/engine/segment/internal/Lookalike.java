package io.cairn.engine.segment.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.roaringbitmap.RangeBitmap;
import org.roaringbitmap.RoaringBitmap;

/**
 * Lookalike expansion: the entities most like a seed segment's members.
 *
 * <p>Method: every tag value (enum, boolean, multi, text) and every quartile of a number or date
 * tag (latest snapshot) is a binary feature with a bitmap. A feature's weight is its smoothed log
 * lift in the seed, {@code log((|seed ∩ f| + 1) / (|seed| + 2)) − log((|all ∩ f| + 1) / (|all| +
 * 2))}: the naive-Bayes log-likelihood ratio of "looks like the seed" against "anyone". An
 * entity's score is the sum of the weights of the features it has, computed feature by feature
 * over the bitmaps (one pass over each feature's members, no rows read). Candidates are ranked by
 * score (ties by id, so results are deterministic) and the best {@code targetSize} form the
 * <em>expanded</em> tier; the best half the <em>moderate</em> tier and the best fifth the
 * <em>precise</em> tier.
 *
 * <p>Honesty check: a fifth of the seed (chosen by a fixed hash) is held out and the weights are
 * learned from the rest. The lift reported is the share of the held-out members that the chosen
 * tier recovers, divided by the share a random pick of the same size would recover. The members
 * returned never include the seed.
 */
final class Lookalike {

  /** Nested cuts of the ranked candidates. */
  enum Tier {
    PRECISE(0.2),
    MODERATE(0.5),
    EXPANDED(1.0);

    final double share;

    Tier(double share) {
      this.share = share;
    }

    int size(int target) {
      return Math.max(1, (int) Math.round(target * share));
    }
  }

  /** Fewest seed members that still leave a meaningful holdout. */
  static final int MIN_SEED = 20;

  /**
   * The result.
   *
   * @param members the chosen tier, seed excluded
   * @param tierSizes sizes of precise, moderate, expanded
   * @param holdout held-out seed members
   * @param recovered held-out members in the chosen tier
   * @param lift recovered share over the random expectation (1 = no better than random)
   */
  record Result(RoaringBitmap members, int[] tierSizes, long holdout, long recovered, double lift) {}

  private Lookalike() {}

  static Result expand(TagIndex index, RoaringBitmap seed, int targetSize, Tier tier) {
    if (seed.getCardinality() < MIN_SEED) {
      throw new IllegalArgumentException(
          "the seed has " + seed.getCardinality() + " members; a lookalike needs at least " + MIN_SEED);
    }
    RoaringBitmap holdout = new RoaringBitmap();
    seed.forEach((int id) -> {
      if (Math.floorMod(Sampling.mix(id, 0x5eedL), 5) == 0) {
        holdout.add(id);
      }
    });
    RoaringBitmap training = RoaringBitmap.andNot(seed, holdout);
    RoaringBitmap universe = index.universe();
    float[] score = new float[universe.isEmpty() ? 0 : universe.last() + 1];
    for (RoaringBitmap feature : features(index)) {
      double w = Math.log((RoaringBitmap.andCardinality(feature, training) + 1.0) / (training.getCardinality() + 2.0))
          - Math.log((feature.getCardinality() + 1.0) / (universe.getCardinality() + 2.0));
      float fw = (float) w;
      feature.forEach((int id) -> score[id] += fw);
    }
    // ranking among everyone but the training part, so held-out members compete with strangers
    int[] ranked = rank(RoaringBitmap.andNot(universe, training), score);
    int size = tier.size(targetSize);
    long recovered = 0;
    RoaringBitmap members = new RoaringBitmap();
    int taken = 0;
    int considered = 0;
    for (int i = 0; i < ranked.length && taken < size; i++) {
      considered++;
      if (holdout.contains(ranked[i])) {
        recovered++;
      } else {
        members.add(ranked[i]);
        taken++;
      }
    }
    double expected = (double) considered / Math.max(1, ranked.length);
    double recall = holdout.isEmpty() ? 0 : (double) recovered / holdout.getCardinality();
    int[] tiers = {
      Tier.PRECISE.size(targetSize), Tier.MODERATE.size(targetSize), Tier.EXPANDED.size(targetSize)
    };
    return new Result(members, tiers, holdout.getCardinality(), recovered,
        expected == 0 ? 0 : recall / expected);
  }

  /** Candidates by score, best first, ties by id. */
  private static int[] rank(RoaringBitmap candidates, float[] score) {
    long[] keys = new long[candidates.getCardinality()];
    int[] i = {0};
    candidates.forEach((int id) -> {
      int bits = Float.floatToIntBits(score[id]);
      bits ^= (bits >> 31) & 0x7fffffff; // now ordered like the floats, as signed ints
      keys[i[0]++] = ((long) ~bits << 32) | (id & 0xffffffffL); // ~: best score first
    });
    Arrays.sort(keys);
    int[] out = new int[keys.length];
    for (int k = 0; k < keys.length; k++) {
      out[k] = (int) keys[k];
    }
    return out;
  }

  /** One bitmap per tag value and per quartile of each number/date tag (latest snapshots). */
  static List<RoaringBitmap> features(TagIndex index) {
    List<RoaringBitmap> features = new ArrayList<>();
    for (String tag : index.tags()) {
      TagColumn column = index.column(tag, (java.time.LocalDate) null);
      if (column instanceof TagColumn.Values values) {
        features.addAll(values.byValue().values());
      } else if (column instanceof TagColumn.Numbers numbers && numbers.distinct().length > 0) {
        quartiles(numbers, features);
      }
    }
    return features;
  }

  private static void quartiles(TagColumn.Numbers n, List<RoaringBitmap> out) {
    RangeBitmap ranks = n.ranks();
    long present = n.present().getLongCardinality();
    int from = 0;
    for (int q = 1; q <= 4 && from < n.distinct().length; q++) {
      int to = q == 4 ? n.distinct().length - 1 : rankAtShare(ranks, n.distinct().length, present * q / 4);
      if (to >= from) {
        out.add(ranks.between(from, to));
        from = to + 1;
      }
    }
  }

  /** The smallest rank r with at least {@code count} entities at rank ≤ r. */
  private static int rankAtShare(RangeBitmap ranks, int distinct, long count) {
    int lo = 0;
    int hi = distinct - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ranks.lteCardinality(mid) >= count) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
