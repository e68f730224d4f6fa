package io.cairn.engine.segment.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * Evaluates a rule on the tag index. The plan for a group: conditions answered by bitmaps that
 * already exist (values, presence) are intersected smallest first in one multi-way AND; conditions
 * that must compute (number and date ranges, changes between snapshots) then run with the
 * intersection so far as their context, so they only touch surviving entities; exclusions are
 * subtracted last, also within that context. Operand bitmaps belong to the index and are never
 * modified.
 */
final class BitmapEvaluator {

  private BitmapEvaluator() {}

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
      if (g.exclude().isEmpty() && g.conditions().stream().noneMatch(BitmapEvaluator::computed)) {
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
        RoaringBitmap matched = check(c, index, members, behaviours);
        members = members == null ? matched.clone() : RoaringBitmap.and(members, matched);
      }
    }
    for (Rule.Check c : g.exclude()) {
      if (members.isEmpty()) {
        break;
      }
      members.andNot(check(c, index, members, behaviours));
    }
    return members;
  }

  /** The bitmaps of the group's non-computed conditions, smallest first. */
  private static List<RoaringBitmap> direct(
      Rule.Group g, TagIndex index, Map<Rule.Behaviour, RoaringBitmap> behaviours) {
    List<RoaringBitmap> operands = new ArrayList<>();
    for (Rule.Check c : g.conditions()) {
      if (!computed(c)) {
        operands.add(check(c, index, null, behaviours));
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

  /** A condition or behaviour; behaviours were answered beforehand. */
  static RoaringBitmap check(
      Rule.Check check,
      TagIndex index,
      RoaringBitmap context,
      Map<Rule.Behaviour, RoaringBitmap> behaviours) {
    if (check instanceof Rule.Condition c) {
      return condition(c, index, context);
    }
    RoaringBitmap answer = behaviours.get((Rule.Behaviour) check);
    if (answer == null) {
      throw new IllegalStateException("behaviour " + check.path() + " was not resolved before evaluation");
    }
    return answer;
  }

  /**
   * The entities satisfying {@code c}, at least those within {@code context} (null = everyone):
   * the result may hold more, so callers intersect. Never modify the result.
   */
  static RoaringBitmap condition(Rule.Condition c, TagIndex index, RoaringBitmap context) {
    if (c.at() instanceof Rule.Change change) {
      return Changes.matching(c, change, index, context);
    }
    return onColumn(c, index.column(c.tag(), c.at()), index.universe(), context);
  }

  /** {@code c} on one column (null = nobody has a value). */
  static RoaringBitmap onColumn(
      Rule.Condition c, TagColumn column, RoaringBitmap universe, RoaringBitmap context) {
    RoaringBitmap present = column == null ? TagColumn.EMPTY : column.present();
    return switch (c.mode()) {
      case PRESENT -> present;
      case ABSENT -> RoaringBitmap.andNot(context == null ? universe : context, present);
      case POSITIVE -> column == null ? TagColumn.EMPTY : predicate(column, c.predicate(), context);
      case NEGATED -> {
        if (column == null) {
          yield TagColumn.EMPTY;
        }
        RoaringBitmap candidates = context == null ? present : RoaringBitmap.and(present, context);
        yield RoaringBitmap.andNot(candidates, predicate(column, c.predicate(), candidates));
      }
    };
  }

  private static RoaringBitmap predicate(TagColumn column, Rule.Predicate p, RoaringBitmap context) {
    if (column instanceof TagColumn.Numbers numbers) {
      RoaringBitmap within =
          context == null ? numbers.present() : RoaringBitmap.and(numbers.present(), context);
      return numbers.range((Rule.Range) p, within);
    }
    TagColumn.Values values = (TagColumn.Values) column;
    if (p instanceof Rule.AnyOf any) {
      if (any.values().size() == 1) {
        return values.equal(any.values().iterator().next());
      }
      List<RoaringBitmap> parts = new ArrayList<>();
      any.values().forEach(v -> parts.add(values.equal(v)));
      return FastAggregation.or(parts.iterator());
    }
    if (p instanceof Rule.AllOf all) {
      List<RoaringBitmap> parts = new ArrayList<>();
      all.values().forEach(v -> parts.add(values.equal(v)));
      return FastAggregation.and(parts.toArray(RoaringBitmap[]::new));
    }
    String text = ((Rule.Contains) p).text();
    List<RoaringBitmap> parts = new ArrayList<>();
    values.byValue().forEach((value, b) -> {
      if (value.contains(text)) {
        parts.add(b);
      }
    });
    return FastAggregation.or(parts.iterator());
  }
}
