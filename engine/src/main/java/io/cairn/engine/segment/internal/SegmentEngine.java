package io.cairn.engine.segment.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.stereotype.Component;

/** Parses rules and evaluates them on the bitmap index or compiles them to SQL. */
@Component
public class SegmentEngine {

  private final RuleParser parser;
  private final TagIndexes indexes;
  private final BehaviourReader behaviours;

  SegmentEngine(RuleParser parser, TagIndexes indexes, BehaviourReader behaviours) {
    this.parser = parser;
    this.indexes = indexes;
    this.behaviours = behaviours;
  }

  /** A validated rule, opaque outside this package. */
  public static final class Compiled {
    private final Rule rule;

    private Compiled(Rule rule) {
      this.rule = rule;
    }
  }

  /** Validates a rule; throws {@link io.cairn.engine.problem.InvalidInputException}. */
  public Compiled compile(String entityType, JsonNode rule) {
    return new Compiled(parser.parse(entityType, rule));
  }

  public RoaringBitmap evaluate(Compiled compiled) {
    TagIndex index = indexes.get(compiled.rule.entityType());
    return BitmapEvaluator.evaluate(compiled.rule, index, behaviours.resolve(compiled.rule, index.universe()));
  }

  /** The number of members, computed without building the member set where the rule allows. */
  public long count(Compiled compiled) {
    TagIndex index = indexes.get(compiled.rule.entityType());
    return BitmapEvaluator.count(compiled.rule, index, behaviours.resolve(compiled.rule, index.universe()));
  }

  /**
   * Why an entity is or is not selected: per group, whether it matched, and per condition and
   * exclusion (by JSON path) whether the entity satisfies it.
   */
  public Explanation explain(Compiled compiled, int entityId) {
    TagIndex index = indexes.get(compiled.rule.entityType());
    Map<Rule.Behaviour, RoaringBitmap> answered = behaviours.resolve(compiled.rule, index.universe());
    RoaringBitmap one = RoaringBitmap.bitmapOf(entityId);
    List<Explanation.Group> groups = new ArrayList<>();
    boolean member = false;
    for (Rule.Group g : compiled.rule.groups()) {
      List<Explanation.Check> checks = new ArrayList<>();
      boolean all = true;
      for (Rule.Check c : g.conditions()) {
        boolean ok = BitmapEvaluator.check(c, index, one, answered).contains(entityId);
        checks.add(new Explanation.Check(c.path(), ok));
        all &= ok;
      }
      boolean excluded = false;
      for (Rule.Check c : g.exclude()) {
        boolean hit = BitmapEvaluator.check(c, index, one, answered).contains(entityId);
        checks.add(new Explanation.Check(c.path(), hit));
        excluded |= hit;
      }
      boolean matched = all && !excluded;
      member |= matched;
      groups.add(new Explanation.Group(matched, checks));
    }
    return new Explanation(member, groups);
  }

  /**
   * An entity checked against a rule.
   *
   * @param member whether the rule selects it
   * @param groups per group in order: matched = all conditions hold and no exclusion does
   */
  public record Explanation(boolean member, List<Group> groups) {

    /** One group of the rule. */
    public record Group(boolean matched, List<Check> checks) {}

    /** A condition or exclusion (by its JSON path) and whether the entity satisfies it. */
    public record Check(String path, boolean holds) {}
  }

  public String sql(Compiled compiled) {
    return SqlCompiler.compile(compiled.rule);
  }

  /** Every entity of the type that exists now. Do not modify the returned bitmap. */
  public RoaringBitmap universe(String entityType) {
    return indexes.get(entityType).universe();
  }

  /**
   * How often each value of a tag occurs (latest snapshot) among {@code members} and among all
   * entities of the type, most frequent in the segment first; multi-value tags count each element.
   */
  public List<ValueCount> distribution(String entityType, String tag, RoaringBitmap members) {
    List<ValueCount> counts = new ArrayList<>();
    if (!(indexes.get(entityType).column(tag, (java.time.LocalDate) null)
        instanceof TagColumn.Values column)) {
      return counts; // no values yet, or a number/date tag (no distinct values to list)
    }
    column
        .byValue()
        .forEach(
            (value, b) ->
                counts.add(
                    new ValueCount(value, RoaringBitmap.andCardinality(b, members), b.getLongCardinality())));
    counts.sort(Comparator.comparingLong(ValueCount::members).reversed().thenComparing(ValueCount::value));
    return counts;
  }

  /** One value of a tag: entities having it in a segment and overall. */
  public record ValueCount(String value, long members, long all) {}
}
