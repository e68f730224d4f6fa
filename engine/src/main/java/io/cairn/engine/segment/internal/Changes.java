package io.cairn.engine.segment.internal;

import io.cairn.engine.profile.TagType;
import java.util.ArrayList;
import java.util.List;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/** Conditions on the change of a tag between two snapshots ({@link Rule.Change}). */
final class Changes {

  private Changes() {}

  static RoaringBitmap matching(
      Rule.Condition c, Rule.Change change, TagIndex index, RoaringBitmap context) {
    TagColumn before = index.column(c.tag(), change.from());
    TagColumn after = index.column(c.tag(), change.to());
    if (c.type() == TagType.NUMBER) {
      return difference(
          c.mode(), (Rule.Range) c.predicate(), (TagColumn.Numbers) before, (TagColumn.Numbers) after, context);
    }
    RoaringBitmap changed = changed(before, after, context);
    if (changed.isEmpty()) {
      return changed;
    }
    return RoaringBitmap.and(
        changed, BitmapEvaluator.onColumn(c, after, index.universe(), changed));
  }

  /** Entities with a value on both dates whose difference (after − before) passes the range. */
  private static RoaringBitmap difference(
      Rule.Mode mode,
      Rule.Range range,
      TagColumn.Numbers before,
      TagColumn.Numbers after,
      RoaringBitmap context) {
    if (before == null || after == null) {
      return new RoaringBitmap();
    }
    RoaringBitmap both = RoaringBitmap.and(before.present(), after.present());
    if (context != null) {
      both.and(context);
    }
    int[] ids = both.toArray();
    double[] from = before.valuesOf(both);
    double[] to = after.valuesOf(both);
    RoaringBitmap out = new RoaringBitmap();
    boolean wanted = mode == Rule.Mode.POSITIVE;
    for (int i = 0; i < ids.length; i++) {
      if (range.test(to[i] - from[i]) == wanted) {
        out.add(ids[i]);
      }
    }
    return out;
  }

  /** Entities whose value (set) differs between the two columns; no value counts as a value. */
  private static RoaringBitmap changed(TagColumn before, TagColumn after, RoaringBitmap context) {
    RoaringBitmap p1 = before == null ? TagColumn.EMPTY : before.present();
    RoaringBitmap p2 = after == null ? TagColumn.EMPTY : after.present();
    RoaringBitmap out = RoaringBitmap.xor(p1, p2);
    if (before == null || after == null) {
      return restrict(out, context);
    }
    RoaringBitmap both = RoaringBitmap.and(p1, p2);
    if (context != null) {
      both.and(context);
    }
    if (before instanceof TagColumn.Values b && after instanceof TagColumn.Values a) {
      List<RoaringBitmap> differing = new ArrayList<>();
      for (var e : b.byValue().entrySet()) {
        differing.add(RoaringBitmap.xor(e.getValue(), a.equal(e.getKey())));
      }
      for (var e : a.byValue().entrySet()) {
        if (!b.byValue().containsKey(e.getKey())) {
          differing.add(e.getValue());
        }
      }
      RoaringBitmap any = FastAggregation.or(differing.iterator());
      any.and(both);
      out.or(any);
    } else {
      int[] ids = both.toArray();
      double[] v1 = ((TagColumn.Numbers) before).valuesOf(both);
      double[] v2 = ((TagColumn.Numbers) after).valuesOf(both);
      for (int i = 0; i < ids.length; i++) {
        if (v1[i] != v2[i]) {
          out.add(ids[i]);
        }
      }
    }
    return restrict(out, context);
  }

  private static RoaringBitmap restrict(RoaringBitmap b, RoaringBitmap context) {
    if (context != null) {
      b.and(context);
    }
    return b;
  }
}
