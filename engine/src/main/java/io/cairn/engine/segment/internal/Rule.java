package io.cairn.engine.segment.internal;

import io.cairn.engine.profile.TagType;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A parsed, validated segment rule, reduced to a few primitive predicates that the bitmap engine
 * and the SQL compiler both implement. Groups are OR'ed; a group is the AND of its conditions minus
 * the union of its exclusions.
 */
record Rule(String entityType, List<Group> groups) {

  record Group(List<Check> conditions, List<Check> exclude) {}

  /** A condition of a group: on a tag, or on behaviour (events). */
  sealed interface Check {
    /** Where it sits in the rule JSON, for messages. */
    String path();
  }

  /**
   * Did the user do {@code event} (from {@code source}, null = any) on the days {@code from} …
   * {@code to} (inclusive, in the events time zone), with every {@code where} filter holding, a
   * number of times within {@code count}? Users without such events have the count 0, so a
   * count range that holds 0 ("did not", "fewer than 3") selects them too.
   */
  record Behaviour(
      String path,
      String event,
      String source,
      LocalDate from,
      LocalDate to,
      List<AttributeFilter> where,
      Range count)
      implements Check {}

  /**
   * A test on one attribute of an event, with the modes of tag conditions: a missing attribute
   * never satisfies POSITIVE or NEGATED.
   *
   * @param numeric compare v_num (numbers) rather than v_text
   */
  record AttributeFilter(String attribute, Mode mode, Predicate predicate, boolean numeric) {}

  /**
   * One condition on one tag.
   *
   * @param path where it sits in the rule JSON, for messages
   * @param tag the tag code
   * @param type the tag's type
   * @param mode how the predicate combines with the tag's presence
   * @param predicate the test on the tag's values (null for PRESENT/ABSENT)
   * @param at which snapshot(s) the condition reads
   */
  record Condition(
      String path, String tag, TagType type, Mode mode, Predicate predicate, Snapshot at)
      implements Check {

    /** Numbers and dates are stored as numbers (dates as epoch seconds). */
    boolean numeric() {
      return type == TagType.NUMBER || type == TagType.DATE;
    }
  }

  /** Which snapshot of a tag a condition reads. */
  sealed interface Snapshot {}

  /** The newest snapshot of the tag. */
  record Latest() implements Snapshot {}

  /** The newest snapshot on or before the date (the value the tag had that day). */
  record AsOf(LocalDate date) implements Snapshot {}

  /**
   * Between two dates (each resolved like {@link AsOf}). Numbers: the predicate tests the
   * difference value(to) − value(from), for entities with a value on both dates. Other types: the
   * value set differs between the dates, and the value on {@code to} satisfies the condition.
   */
  record Change(LocalDate from, LocalDate to) implements Snapshot {}

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
