package io.cairn.engine.segment.internal;

import io.cairn.engine.profile.TagType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The rules {@link SegmentBenchmark} measures, over the tags of {@link SyntheticUsers}. */
final class BenchRules {

  private BenchRules() {}

  /** SEG-1: {@code e0 … e9} each equal to {@code v0}; every condition matches 30–90 %. */
  static Rule seg1() {
    List<Rule.Condition> and = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      and.add(in("e" + i, "v0"));
    }
    return rule(group(and, List.of()));
  }

  /** SEG-3: eight tag conditions (one multi-value, one negated) and two number ranges. */
  static Rule seg3() {
    List<Rule.Condition> and = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      and.add(in("e" + i, "v0"));
    }
    and.add(in("e6", "v0", "v1"));
    and.add(notIn("e7", "v1"));
    and.add(range("n0", 25.0, 60.0));
    and.add(range("n1", 500.0, null));
    return rule(group(and, List.of()));
  }

  /**
   * SEG-4: three groups OR'ed: a sparse tag (0.8 %) with a dense one and a range minus a boolean;
   * five dense conditions minus a value and the sparse tag; a negation with two dense conditions.
   */
  static Rule seg4() {
    Rule.Group sparse =
        group(
            List.of(in("s0", "yes"), in("e0", "v0"), range("n0", 30.0, 50.0)),
            List.of(bool("true")));
    Rule.Group dense =
        group(
            List.of(
                in("e1", "v0"),
                in("e2", "v0", "v1"),
                in("e3", "v0"),
                in("e4", "v0"),
                in("e5", "v0")),
            List.of(in("e6", "v2"), present("s0")));
    Rule.Group negated = group(List.of(notIn("e7", "v0"), in("e8", "v0"), bool("true")), List.of());
    return new Rule("user", List.of(sparse, dense, negated));
  }

  private static Rule rule(Rule.Group g) {
    return new Rule("user", List.of(g));
  }

  private static Rule.Group group(List<Rule.Condition> and, List<Rule.Condition> exclude) {
    return new Rule.Group(List.copyOf(and), List.copyOf(exclude));
  }

  static Rule.Condition in(String tag, String... values) {
    return condition(tag, TagType.ENUM, Rule.Mode.POSITIVE, new Rule.AnyOf(set(values)));
  }

  static Rule.Condition notIn(String tag, String... values) {
    return condition(tag, TagType.ENUM, Rule.Mode.NEGATED, new Rule.AnyOf(set(values)));
  }

  private static Rule.Condition bool(String value) {
    return condition("b0", TagType.BOOLEAN, Rule.Mode.POSITIVE, new Rule.AnyOf(Set.of(value)));
  }

  private static Rule.Condition present(String tag) {
    return condition(tag, TagType.ENUM, Rule.Mode.PRESENT, null);
  }

  /** Inclusive bounds; null = open. */
  static Rule.Condition range(String tag, Double low, Double high) {
    return condition(
        tag, TagType.NUMBER, Rule.Mode.POSITIVE, new Rule.Range(low, true, high, true));
  }

  private static Rule.Condition condition(
      String tag, TagType type, Rule.Mode mode, Rule.Predicate predicate) {
    return new Rule.Condition("bench." + tag, tag, type, mode, predicate, new Rule.Latest());
  }

  private static Set<String> set(String... values) {
    return new LinkedHashSet<>(List.of(values));
  }
}
