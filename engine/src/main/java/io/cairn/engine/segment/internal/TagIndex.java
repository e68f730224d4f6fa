package io.cairn.engine.segment.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * The latest values of every tag of one entity type, as bitmaps: one per (tag, value) for equality
 * tests, a presence bitmap per tag, and for numbers and dates the values sorted with their entity
 * ids so a range is two binary searches and one slice. Immutable once built; safe to share.
 */
final class TagIndex {

  /** Numeric values of a tag sorted ascending, with the entity id of each. */
  record Sorted(double[] values, int[] entities) {
    RoaringBitmap range(Rule.Range r) {
      int from = r.low() == null ? 0 : lowerIndex(r.low(), r.lowInclusive());
      int to = r.high() == null ? values.length : lowerIndex(r.high(), !r.highInclusive());
      RoaringBitmap out = new RoaringBitmap();
      if (from < to) {
        out.addN(sortedCopy(from, to), 0, to - from);
      }
      return out;
    }

    /** First index whose value is ≥ v (inclusive) or > v (exclusive). */
    private int lowerIndex(double v, boolean inclusive) {
      int lo = 0;
      int hi = values.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (inclusive ? values[mid] < v : values[mid] <= v) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    private int[] sortedCopy(int from, int to) {
      int[] ids = Arrays.copyOfRange(entities, from, to);
      Arrays.sort(ids); // addN wants ascending ids for its fast path
      return ids;
    }
  }

  private final RoaringBitmap universe;
  private final Map<String, Map<String, RoaringBitmap>> byValue;
  private final Map<String, RoaringBitmap> present;
  private final Map<String, Sorted> numeric;

  TagIndex(
      RoaringBitmap universe,
      Map<String, Map<String, RoaringBitmap>> byValue,
      Map<String, RoaringBitmap> present,
      Map<String, Sorted> numeric) {
    this.universe = universe;
    this.byValue = byValue;
    this.present = present;
    this.numeric = numeric;
  }

  /** Every entity of the type. */
  RoaringBitmap universe() {
    return universe;
  }

  RoaringBitmap present(String tag) {
    return present.getOrDefault(tag, new RoaringBitmap());
  }

  RoaringBitmap equal(String tag, String value) {
    RoaringBitmap b = byValue.getOrDefault(tag, Map.of()).get(value);
    return b == null ? new RoaringBitmap() : b;
  }

  Map<String, RoaringBitmap> values(String tag) {
    return byValue.getOrDefault(tag, Map.of());
  }

  RoaringBitmap range(String tag, Rule.Range range) {
    Sorted s = numeric.get(tag);
    return s == null ? new RoaringBitmap() : s.range(range);
  }

  /** Builds an index row by row. */
  static final class Builder {
    private final Map<String, Map<String, RoaringBitmap>> byValue = new HashMap<>();
    private final Map<String, RoaringBitmap> present = new HashMap<>();
    private final Map<String, double[]> values = new HashMap<>();
    private final Map<String, int[]> entities = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();

    void add(String tag, int entity, String text, Double number) {
      byValue.computeIfAbsent(tag, k -> new HashMap<>())
          .computeIfAbsent(text, k -> new RoaringBitmap())
          .add(entity);
      present.computeIfAbsent(tag, k -> new RoaringBitmap()).add(entity);
      if (number != null) {
        int n = counts.merge(tag, 1, Integer::sum);
        double[] vs = values.computeIfAbsent(tag, k -> new double[1024]);
        if (n > vs.length) {
          vs = Arrays.copyOf(vs, vs.length * 2);
          values.put(tag, vs);
          entities.put(tag, Arrays.copyOf(entities.get(tag), vs.length));
        }
        int[] es = entities.computeIfAbsent(tag, k -> new int[1024]);
        vs[n - 1] = number;
        es[n - 1] = entity;
      }
    }

    TagIndex build(RoaringBitmap universe) {
      Map<String, Sorted> numeric = new HashMap<>();
      counts.forEach((tag, n) -> numeric.put(tag, sort(values.get(tag), entities.get(tag), n)));
      present.values().forEach(RoaringBitmap::runOptimize);
      byValue.values().forEach(m -> m.values().forEach(RoaringBitmap::runOptimize));
      universe.runOptimize();
      return new TagIndex(universe, byValue, present, numeric);
    }

    private static Sorted sort(double[] vs, int[] es, int n) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(vs[a], vs[b]));
      double[] sv = new double[n];
      int[] se = new int[n];
      for (int i = 0; i < n; i++) {
        sv[i] = vs[order[i]];
        se[i] = es[order[i]];
      }
      return new Sorted(sv, se);
    }
  }
}
