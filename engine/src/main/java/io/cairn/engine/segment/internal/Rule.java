package io.cairn.engine.segment.internal;

import java.util.List;
import java.util.Set;

/**
 * A parsed, validated segment rule, reduced to a few primitive predicates that the bitmap engine
 * and the SQL compiler both implement. Groups are OR'ed; a group is the AND of its conditions minus
 * the union of its exclusions.
 */
record Rule(String entityType, List<Group> groups) {

  record Group(List<Condition> conditions, List<Condition> exclude) {}

  /**
   * One condition on one tag.
   *
   * @param path where it sits in the rule JSON, for messages
   * @param tag the tag code
   * @param mode how the predicate combines with the tag's presence
   * @param predicate the test on the tag's values (null for PRESENT/ABSENT)
   */
  record Condition(String path, String tag, Mode mode, Predicate predicate) {}

  /**
   * POSITIVE: has a value matching. NEGATED: has a value and none matches (missing values never
   * satisfy a negation, see SEGMENTS.md). PRESENT / ABSENT: has any value / has none.
   */
  enum Mode {
    POSITIVE,
    NEGATED,
    PRESENT,
    ABSENT
  }

  /** A test on one tag's values. */
  sealed interface Predicate {}

  /** Some value equals one of these. */
  record AnyOf(Set<String> values) implements Predicate {}

  /** Every one of these is among the values (multi-value tags). */
  record AllOf(Set<String> values) implements Predicate {}

  /** Some value contains this text. */
  record Contains(String text) implements Predicate {}

  /** The numeric value lies in the range (null bound = open). */
  record Range(Double low, boolean lowInclusive, Double high, boolean highInclusive)
      implements Predicate {
    boolean test(double v) {
      return (low == null || (lowInclusive ? v >= low : v > low))
          && (high == null || (highInclusive ? v <= high : v < high));
    }
  }
}
