package io.cairn.engine.journey.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

class RandomSplitTest {

  private static final RoaringBitmap COHORT = RoaringBitmap.bitmapOfRange(0, 200_000);

  @Test
  void shouldPartitionTheWholeCohortIntoDisjointParts() {
    RoaringBitmap[] parts = RandomSplit.partition(COHORT, new double[] {33.33, 33.33, 33.34}, "j/s");
    assertThat(FastAggregation.or(parts)).isEqualTo(COHORT);
    long total = 0;
    for (RoaringBitmap p : parts) {
      total += p.getLongCardinality();
    }
    assertThat(total).isEqualTo(COHORT.getLongCardinality());
  }

  @Test
  void shouldHonourPercentagesWithinHalfAPoint() {
    RoaringBitmap[] parts = RandomSplit.partition(COHORT, new double[] {60, 30, 10}, "j/s");
    assertThat(parts[0].getCardinality() / 200_000.0).isBetween(0.595, 0.605);
    assertThat(parts[1].getCardinality() / 200_000.0).isBetween(0.295, 0.305);
    assertThat(parts[2].getCardinality() / 200_000.0).isBetween(0.095, 0.105);
  }

  @Test
  void shouldSplitTheSameWayEveryTimeAndDifferentlyPerNode() {
    RoaringBitmap[] a = RandomSplit.partition(COHORT, new double[] {50, 50}, "journey/split");
    RoaringBitmap[] b = RandomSplit.partition(COHORT, new double[] {50, 50}, "journey/split");
    RoaringBitmap[] other = RandomSplit.partition(COHORT, new double[] {50, 50}, "journey/split2");
    assertThat(a[0]).isEqualTo(b[0]);
    long overlap = RoaringBitmap.andCardinality(a[0], other[0]);
    assertThat(overlap / (double) a[0].getCardinality()).isBetween(0.45, 0.55); // independent
  }

  @Test
  void shouldKeepAPersonOnTheSameBranchWhenTheCohortChanges() {
    RoaringBitmap smaller = RoaringBitmap.bitmapOfRange(0, 1_000);
    RoaringBitmap[] big = RandomSplit.partition(COHORT, new double[] {20, 80}, "x");
    RoaringBitmap[] small = RandomSplit.partition(smaller, new double[] {20, 80}, "x");
    assertThat(RoaringBitmap.and(big[0], smaller)).isEqualTo(small[0]);
  }

  @Test
  void shouldGiveZeroPercentBranchesNobody() {
    RoaringBitmap[] parts = RandomSplit.partition(COHORT, new double[] {0, 100}, "x");
    assertThat(parts[0].isEmpty()).isTrue();
    assertThat(parts[1]).isEqualTo(COHORT);
  }
}
