package io.cairn.engine.segment.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * Evaluates a rule on the tag index. The plan: every condition answered by bitmaps that already
 * exist (values, presence, behaviours) becomes a term of a {@link ChunkPlan}, which combines the
 * terms of all groups word by word, one chunk of 65,536 ids at a time, so that a multi-value
 * {@code in}, a {@code not_in}, an exclusion or a group never builds a bitmap of its own. A number
 * range becomes such a term too, computed over every entity, unless its group's other terms are
 * confined to a few chunks; then, like a change between snapshots, it runs afterwards with the
 * group's members so far as its context, so it only touches their chunks. Operand bitmaps belong
 * to the index and are never modified.
 */
final class BitmapEvaluator {

  /**
   * A range runs over every entity (one pass over all its chunks) unless its group's other terms
   * cover at most this share of the range's chunks: with a context, the range reads only the
   * context's chunks, but builds an intersection per chunk, which costs more than the word-level
   * AND when the context covers most chunks anyway.
   */
  private static final int CONFINED = 4;

  private BitmapEvaluator() {}

  static RoaringBitmap evaluate(Rule rule, TagIndex index) {
    return evaluate(rule, index, Map.of());
  }

  /**
   * @param behaviours the answer to each behaviour condition of the rule (read from the event
   *     tables beforehand by {@link BehaviourReader})
   */
  static RoaringBitmap evaluate(Rule rule, TagIndex index, Map<Rule.Behaviour, RoaringBitmap> behaviours) {
    return plan(rule, index, behaviours).evaluate();
  }

  /**
   * The size of the result, without building it. A group of plain bitmap conditions (one bitmap
   * each, no exclusion) is counted by {@link AndCardinality}, which ANDs four operands per pass.
   */
  static long count(Rule rule, TagIndex index, Map<Rule.Behaviour, RoaringBitmap> behaviours) {
    List<ChunkPlan.Group> groups = groups(rule, index, behaviours);
    if (groups.size() == 1 && groups.get(0).none().isEmpty()) {
      List<ChunkPlan.Term> all = groups.get(0).all();
      if (all.stream().allMatch(t -> t.within == null && t.anyOf.length == 1)) {
        return AndCardinality.of(
            all.stream()
                .map(t -> t.anyOf[0].bitmap)
                .sorted(Comparator.comparingLong(RoaringBitmap::getLongCardinality))
                .toArray(RoaringBitmap[]::new));
      }
    }
    return new ChunkPlan(groups).count();
  }

  static long count(Rule rule, TagIndex index) {
    return count(rule, index, Map.of());
  }

  private static ChunkPlan plan(
      Rule rule, TagIndex index, Map<Rule.Behaviour, RoaringBitmap> behaviours) {
    return new ChunkPlan(groups(rule, index, behaviours));
  }

  private static List<ChunkPlan.Group> groups(
      Rule rule, TagIndex index, Map<Rule.Behaviour, RoaringBitmap> behaviours) {
    List<ChunkPlan.Group> groups = new ArrayList<>(rule.groups().size());
    for (Rule.Group g : rule.groups()) {
      groups.add(group(g, index, behaviours));
    }
    return groups;
  }

  /**
   * One group as terms. Conditions that must run within the group's members (changes, confined
   * ranges) are evaluated here, after the terms, and the group becomes their result.
   */
  private static ChunkPlan.Group group(
      Rule.Group g, TagIndex index, Map<Rule.Behaviour, RoaringBitmap> behaviours) {
    List<ChunkPlan.Term> all = new ArrayList<>();
    List<Rule.Check> ranges = new ArrayList<>();
    List<Rule.Check> later = new ArrayList<>();
    for (Rule.Check c : g.conditions()) {
      if (range(c, index) != null) {
        ranges.add(c);
      } else {
        add(term(c, index, behaviours), c, all, later);
      }
    }
    boolean spread = spread(all, ranges, g.exclude(), index);
    for (Rule.Check c : ranges) {
      add(spread ? term(c, index, behaviours) : null, c, all, later);
    }
    List<ChunkPlan.Term> none = new ArrayList<>();
    List<Rule.Check> laterNone = new ArrayList<>();
    for (Rule.Check c : g.exclude()) {
      add(spread || range(c, index) == null ? term(c, index, behaviours) : null, c, none, laterNone);
    }
    if (later.isEmpty() && laterNone.isEmpty()) {
      return new ChunkPlan.Group(all, none);
    }
    RoaringBitmap members =
        all.isEmpty() ? null : new ChunkPlan(List.of(new ChunkPlan.Group(all, List.of()))).evaluate();
    members = within(members, later, laterNone, index, behaviours);
    return new ChunkPlan.Group(List.of(ChunkPlan.Term.anyOf(members)), none);
  }

  private static void add(
      ChunkPlan.Term term, Rule.Check c, List<ChunkPlan.Term> terms, List<Rule.Check> later) {
    if (term == null) {
      later.add(c);
    } else {
      terms.add(term);
    }
  }

  /**
   * Whether the group's ranges (in {@code ranges} and among {@code exclude}) run over every entity:
   * true unless the group's other terms cover few of the chunks a range covers.
   */
  private static boolean spread(
      List<ChunkPlan.Term> all, List<Rule.Check> ranges, List<Rule.Check> exclude, TagIndex index) {
    int rangeChunks = 0;
    for (Rule.Check c : concat(ranges, exclude)) {
      TagColumn.Numbers numbers = range(c, index);
      if (numbers != null) {
        rangeChunks = Math.max(rangeChunks, new ChunkPlan.Operand(numbers.present()).chunks());
      }
    }
    if (rangeChunks == 0 || all.isEmpty()) {
      return true;
    }
    int chunks = all.stream().mapToInt(ChunkPlan.Term::chunks).min().getAsInt();
    return chunks * CONFINED > rangeChunks;
  }

  private static List<Rule.Check> concat(List<Rule.Check> a, List<Rule.Check> b) {
    List<Rule.Check> both = new ArrayList<>(a);
    both.addAll(b);
    return both;
  }

  /**
   * The old plan for conditions that compute: each runs with the members so far (null = nobody
   * yet: the first runs without a context) and is intersected; exclusions are subtracted last.
   */
  private static RoaringBitmap within(
      RoaringBitmap members,
      List<Rule.Check> conditions,
      List<Rule.Check> exclusions,
      TagIndex index,
      Map<Rule.Behaviour, RoaringBitmap> behaviours) {
    for (Rule.Check c : conditions) {
      if (members == null || !members.isEmpty()) {
        RoaringBitmap matched = check(c, index, members, behaviours);
        members = members == null ? matched.clone() : RoaringBitmap.and(members, matched);
      }
    }
    for (Rule.Check c : exclusions) {
      if (members.isEmpty()) {
        break;
      }
      members.andNot(check(c, index, members, behaviours));
    }
    return members;
  }

  /** The number column of a range condition on the latest or a past snapshot, else null. */
  private static TagColumn.Numbers range(Rule.Check check, TagIndex index) {
    if (check instanceof Rule.Condition c
        && !(c.at() instanceof Rule.Change)
        && c.predicate() instanceof Rule.Range
        && (c.mode() == Rule.Mode.POSITIVE || c.mode() == Rule.Mode.NEGATED)
        && index.column(c.tag(), c.at()) instanceof TagColumn.Numbers numbers) {
      return numbers;
    }
    return null;
  }

  /**
   * {@code check} as a term over every entity, or null when it must run within its group's members
   * (a change between snapshots).
   */
  private static ChunkPlan.Term term(
      Rule.Check check, TagIndex index, Map<Rule.Behaviour, RoaringBitmap> behaviours) {
    if (!(check instanceof Rule.Condition c)) {
      return ChunkPlan.Term.anyOf(check(check, index, null, behaviours));
    }
    if (c.at() instanceof Rule.Change) {
      return null;
    }
    TagColumn column = index.column(c.tag(), c.at());
    boolean negated = c.mode() == Rule.Mode.NEGATED;
    if (column instanceof TagColumn.Values values
        && c.predicate() instanceof Rule.AnyOf any
        && (negated || c.mode() == Rule.Mode.POSITIVE)) {
      RoaringBitmap[] matching = any.values().stream().map(values::equal).toArray(RoaringBitmap[]::new);
      return negated ? ChunkPlan.Term.butNot(values.present(), matching) : ChunkPlan.Term.anyOf(matching);
    }
    TagColumn.Numbers numbers = range(c, index);
    if (numbers != null) {
      RoaringBitmap in = numbers.range((Rule.Range) c.predicate(), null);
      return negated ? ChunkPlan.Term.butNot(numbers.present(), in) : ChunkPlan.Term.anyOf(in);
    }
    if (c.mode() == Rule.Mode.ABSENT) {
      return ChunkPlan.Term.butNot(index.universe(), column == null ? TagColumn.EMPTY : column.present());
    }
    return ChunkPlan.Term.anyOf(onColumn(c, column, index.universe(), null)); // exact without a context
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
