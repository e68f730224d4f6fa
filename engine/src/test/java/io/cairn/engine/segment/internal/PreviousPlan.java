package io.cairn.engine.segment.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * The plan {@link BitmapEvaluator} used before {@link ChunkPlan}, kept for {@link
 * SegmentBenchmark} as a same-run baseline of SEG-3 and SEG-4 (the machine's load moves absolute
 * figures by several times between runs). Each condition's bitmap comes from {@link
 * BitmapEvaluator#check}; the combination is the old one: existing bitmaps intersected with {@code
 * FastAggregation.and}, a multi-value {@code in} and a {@code not_in} each built as a bitmap,
 * ranges run within the intersection, exclusions subtracted, groups OR'ed with {@code
 * FastAggregation.or}.
 */
final class PreviousPlan {

  private PreviousPlan() {}

  static RoaringBitmap evaluate(Rule rule, TagIndex index) {
    return evaluate(rule, index, Map.of());
  }

  /**
   * @param behaviours the answer to each behaviour condition of the rule (read from the event
   *     tables beforehand by {@link BehaviourReader})
   */
  static RoaringBitmap evaluate(Rule rule, TagIndex index, Map<Rule.Behaviour, RoaringBitmap> behaviours) {
    if (rule.groups().size() == 1) {
      return group(rule.groups().get(0), index, behaviours);
    }
    List<RoaringBitmap> groups = new ArrayList<>(rule.groups().size());
    for (Rule.Group g : rule.groups()) {
      groups.add(group(g, index, behaviours));
    }
    return FastAggregation.or(groups.iterator());
  }

  /** The size of the result; a group of plain bitmap conditions is counted without building it. */
  static long count(Rule rule, TagIndex index, Map<Rule.Behaviour, RoaringBitmap> behaviours) {
    if (rule.groups().size() == 1) {
      Rule.Group g = rule.groups().get(0);
      if (g.exclude().isEmpty() && g.conditions().stream().noneMatch(PreviousPlan::computed)) {
        return AndCardinality.of(direct(g, index, behaviours).toArray(RoaringBitmap[]::new));
      }
    }
    return evaluate(rule, index, behaviours).getLongCardinality();
  }

  static long count(Rule rule, TagIndex index) {
    return count(rule, index, Map.of());
  }

  private static RoaringBitmap group(
      Rule.Group g, TagIndex index, Map<Rule.Behaviour, RoaringBitmap> behaviours) {
    List<RoaringBitmap> direct = direct(g, index, behaviours);
    RoaringBitmap members;
    if (direct.isEmpty()) {
      members = null; // only computed conditions: the first one runs without a context
    } else if (direct.size() == 1) {
      members = direct.get(0).clone();
    } else {
      members = FastAggregation.and(direct.toArray(RoaringBitmap[]::new));
    }
    for (Rule.Check c : g.conditions()) {
      if (computed(c) && (members == null || !members.isEmpty())) {
        RoaringBitmap matched = BitmapEvaluator.check(c, index, members, behaviours);
        members = members == null ? matched.clone() : RoaringBitmap.and(members, matched);
      }
    }
    for (Rule.Check c : g.exclude()) {
      if (members.isEmpty()) {
        break;
      }
      members.andNot(BitmapEvaluator.check(c, index, members, behaviours));
    }
    return members;
  }

  /** The bitmaps of the group's non-computed conditions, smallest first. */
  private static List<RoaringBitmap> direct(
      Rule.Group g, TagIndex index, Map<Rule.Behaviour, RoaringBitmap> behaviours) {
    List<RoaringBitmap> operands = new ArrayList<>();
    for (Rule.Check c : g.conditions()) {
      if (!computed(c)) {
        operands.add(BitmapEvaluator.check(c, index, null, behaviours));
      }
    }
    operands.sort(Comparator.comparingLong(RoaringBitmap::getLongCardinality));
    return operands;
  }

  /** Whether a condition computes over its context rather than reading existing bitmaps. */
  private static boolean computed(Rule.Check check) {
    return check instanceof Rule.Condition c
        && (c.at() instanceof Rule.Change || (c.numeric() && c.predicate() != null));
  }
}
