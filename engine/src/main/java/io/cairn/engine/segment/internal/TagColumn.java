package io.cairn.engine.segment.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RangeBitmap;
import org.roaringbitmap.RoaringBitmap;

/**
 * The values of one tag on one snapshot date, as bitmaps over dense entity ids. Immutable once
 * built; safe to share between threads.
 */
sealed interface TagColumn {

  /** Entities that have a value. */
  RoaringBitmap present();

  /**
   * Enum, boolean, multi-value and text tags: one bitmap per distinct value (an entity with a
   * multi-value tag is in the bitmap of each of its elements).
   *
   * <p>Two things are left out to keep a tag near one bit per user per value (QUALITY.md's memory
   * goal), both cheap to recompute where they are left out:
   *
   * <ul>
   *   <li>the presence bitmap of a sparse column or of a column with one value: it is the union
   *       of the value bitmaps, a few thousand containers at most;
   *   <li>one value of a boolean tag ({@code implicit}): its bitmap is presence minus the other
   *       value, so a boolean held by everyone costs one bitmap, not two.
   * </ul>
   *
   * @param stored the stored bitmaps by value (all values but {@code implicit})
   * @param storedPresent the presence bitmap, or null when it is derived from {@code stored}
   * @param implicit the value whose bitmap is derived, or null
   */
  record Values(RoaringBitmap storedPresent, Map<String, RoaringBitmap> stored, String implicit)
      implements TagColumn {

    public Values {
      if (implicit != null && storedPresent == null) {
        throw new IllegalArgumentException("an implicit value needs a stored presence bitmap");
      }
    }

    /** A column that stores everything (presence and every value). */
    static Values full(RoaringBitmap present, Map<String, RoaringBitmap> byValue) {
      return new Values(present, byValue, null);
    }

    @Override
    public RoaringBitmap present() {
      if (storedPresent != null) {
        return storedPresent;
      }
      return stored.size() == 1 ? stored.values().iterator().next() : FastAggregation.or(stored.values().iterator());
    }

    RoaringBitmap equal(String value) {
      if (value.equals(implicit)) {
        return implicitBitmap();
      }
      RoaringBitmap b = stored.get(value);
      return b == null ? EMPTY : b;
    }

    /** Every value's bitmap, the implicit one computed (insights, lookalike, changes). */
    Map<String, RoaringBitmap> byValue() {
      if (implicit == null) {
        return stored;
      }
      Map<String, RoaringBitmap> all = new java.util.HashMap<>(stored);
      all.put(implicit, implicitBitmap());
      return Map.copyOf(all);
    }

    private RoaringBitmap implicitBitmap() {
      RoaringBitmap result = storedPresent.clone();
      stored.values().forEach(result::andNot);
      return result;
    }
  }

  /**
   * Numbers and dates (epoch seconds): the distinct values sorted, and a range-encoded bitmap
   * index of each entity's rank among them. Ranks, not raw doubles, keep the index at
   * log2(distinct values) slices; entities without a value hold the rank {@code distinct.length},
   * which no range query reaches.
   */
  record Numbers(RoaringBitmap present, double[] distinct, byte[] encodedRanks, RangeBitmap ranks)
      implements TagColumn {

    static Numbers of(RoaringBitmap present, double[] distinct, byte[] encodedRanks) {
      return new Numbers(
          present, distinct, encodedRanks, RangeBitmap.map(ByteBuffer.wrap(encodedRanks)));
    }

    /** Entities whose value lies in the range, restricted to {@code context} (null = everyone). */
    RoaringBitmap range(Rule.Range r, RoaringBitmap context) {
      int from = r.low() == null ? 0 : firstIndex(r.low(), r.lowInclusive());
      int to = (r.high() == null ? distinct.length : firstIndex(r.high(), !r.highInclusive())) - 1;
      if (from > to) {
        return new RoaringBitmap();
      }
      return context == null ? ranks.between(from, to) : ranks.between(from, to, context);
    }

    /** Index of the first distinct value ≥ v (inclusive) or > v (exclusive). */
    private int firstIndex(double v, boolean inclusive) {
      int i = Arrays.binarySearch(distinct, v);
      if (i < 0) {
        return -i - 1;
      }
      return inclusive ? i : i + 1;
    }

    /**
     * The value of every entity of {@code members} (all must be present), as a dense array
     * indexed like {@code members.toArray()}. Splits the rank range in halves with context
     * queries, so it costs about log2(distinct) passes over the members, never a row read.
     */
    double[] valuesOf(RoaringBitmap members) {
      int[] ids = members.toArray();
      double[] out = new double[ids.length];
      decode(members, 0, distinct.length - 1, ids, out);
      return out;
    }

    private void decode(RoaringBitmap within, int lo, int hi, int[] ids, double[] out) {
      if (within.isEmpty()) {
        return;
      }
      if (lo == hi) {
        double v = distinct[lo];
        within.forEach((int id) -> out[Arrays.binarySearch(ids, id)] = v);
        return;
      }
      int mid = (lo + hi) >>> 1;
      RoaringBitmap low = ranks.lte(mid, within);
      decode(low, lo, mid, ids, out);
      decode(RoaringBitmap.andNot(within, low), mid + 1, hi, ids, out);
    }
  }

  RoaringBitmap EMPTY = new RoaringBitmap();
}
