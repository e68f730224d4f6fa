package io.cairn.engine.segment.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * Evaluates a rule on the tag index. Within a group the smallest operand goes first, so the
 * intersection shrinks as early as possible; exclusions are one union subtracted at the end.
 */
final class BitmapEvaluator {

  private BitmapEvaluator() {}

  static RoaringBitmap evaluate(Rule rule, TagIndex index) {
    List<RoaringBitmap> groups = new ArrayList<>(rule.groups().size());
    for (Rule.Group g : rule.groups()) {
      List<RoaringBitmap> operands = new ArrayList<>();
      for (Rule.Condition c : g.conditions()) {
        operands.add(condition(c, index));
      }
      operands.sort(Comparator.comparingLong(RoaringBitmap::getLongCardinality));
      RoaringBitmap members = operands.get(0).clone();
      for (int i = 1; i < operands.size() && !members.isEmpty(); i++) {
        members.and(operands.get(i));
      }
      if (!g.exclude().isEmpty() && !members.isEmpty()) {
        List<RoaringBitmap> excluded = new ArrayList<>();
        for (Rule.Condition c : g.exclude()) {
          excluded.add(condition(c, index));
        }
        members.andNot(FastAggregation.or(excluded.iterator()));
      }
      groups.add(members);
    }
    return FastAggregation.or(groups.iterator());
  }

  static RoaringBitmap condition(Rule.Condition c, TagIndex index) {
    return switch (c.mode()) {
      case PRESENT -> index.present(c.tag());
      case ABSENT -> RoaringBitmap.andNot(index.universe(), index.present(c.tag()));
      case POSITIVE -> predicate(c.tag(), c.predicate(), index);
      case NEGATED -> RoaringBitmap.andNot(index.present(c.tag()), predicate(c.tag(), c.predicate(), index));
    };
  }

  private static RoaringBitmap predicate(String tag, Rule.Predicate p, TagIndex index) {
    if (p instanceof Rule.AnyOf any) {
      List<RoaringBitmap> parts = new ArrayList<>();
      any.values().forEach(v -> parts.add(index.equal(tag, v)));
      return FastAggregation.or(parts.iterator());
    }
    if (p instanceof Rule.AllOf all) {
      List<RoaringBitmap> parts = new ArrayList<>();
      all.values().forEach(v -> parts.add(index.equal(tag, v)));
      return FastAggregation.and(parts.iterator());
    }
    if (p instanceof Rule.Contains contains) {
      List<RoaringBitmap> parts = new ArrayList<>();
      index.values(tag).forEach((value, b) -> {
        if (value.contains(contains.text())) {
          parts.add(b);
        }
      });
      return FastAggregation.or(parts.iterator());
    }
    return index.range(tag, (Rule.Range) p);
  }
}
