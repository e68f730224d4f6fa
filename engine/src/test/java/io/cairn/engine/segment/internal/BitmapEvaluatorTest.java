package io.cairn.engine.segment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.engine.profile.TagType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * {@link BitmapEvaluator#evaluate} and {@link BitmapEvaluator#count} against a per-entity reading
 * of the same values, on random rules over an index of several chunks: dense enums (bitmap and run
 * containers), a tag confined to one chunk and a sparse one (array containers), a multi-value tag,
 * and numbers, so that ranges run both over every entity and within a confined group's members.
 * (RuleDifferentialIT compares with SQL, but on one chunk of entities.) Seeded; the seed and the
 * rule are printed on failure.
 */
class BitmapEvaluatorTest {

  private static final long SEED = Long.getLong("cairn.eval.seed", 20261201L);
  private static final int ENTITIES = 9 << 16; // nine chunks
  private static final String[] VALUES = {"a", "b", "c"};
  private static final String[] FLAGS = {"true", "false"}; // a boolean stores one, derives the other

  /** Per tag: per entity, its values (null = no value); numbers as strings of whole numbers. */
  private static final Map<String, String[][]> VALUES_OF = new java.util.HashMap<>();

  private static TagIndex index;

  @BeforeAll
  static void buildIndex() {
    SplittableRandom random = new SplittableRandom(SEED);
    Map<String, NavigableMap<LocalDate, TagColumn>> columns = new java.util.HashMap<>();
    column(columns, "dense", TagType.ENUM, random, 0, ENTITIES, 0.97, 1);
    column(columns, "half", TagType.ENUM, random, 0, ENTITIES, 0.5, 1);
    column(columns, "confined", TagType.ENUM, random, 3 << 16, 4 << 16, 0.6, 1);
    column(columns, "sparse", TagType.ENUM, random, 0, ENTITIES, 0.004, 1);
    column(columns, "multi", TagType.MULTI, random, 0, ENTITIES, 0.8, 2);
    column(columns, "num", TagType.NUMBER, random, 0, ENTITIES, 0.95, 1);
    column(columns, "flag", TagType.BOOLEAN, random, 0, ENTITIES, 0.9, 1);
    RoaringBitmap universe = new RoaringBitmap();
    universe.add(0L, ENTITIES + 1_000L); // some entities beyond every column
    index = new TagIndex(universe, Map.copyOf(columns));
  }

  @Test
  void evaluateAndCountMatchEveryEntitysValues() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    for (int round = 0; round < 60; round++) {
      Rule rule = randomRule(random);
      RoaringBitmap expected = new RoaringBitmap();
      for (int id = 0; id < ENTITIES + 1_000; id++) {
        if (matches(rule, id)) {
          expected.add(id);
        }
      }
      String where = "seed " + SEED + " (-Dcairn.eval.seed), round " + round + ": " + rule;
      assertEquals(expected, BitmapEvaluator.evaluate(rule, index), where);
      assertEquals(expected.getLongCardinality(), BitmapEvaluator.count(rule, index), where);
    }
  }

  private static Rule randomRule(SplittableRandom r) {
    List<Rule.Group> groups = new ArrayList<>();
    for (int g = 0, n = 1 + r.nextInt(3); g < n; g++) {
      List<Rule.Check> all = new ArrayList<>();
      for (int c = 0, m = 1 + r.nextInt(4); c < m; c++) {
        all.add(randomCondition(r));
      }
      List<Rule.Check> none = new ArrayList<>();
      for (int c = 0, m = r.nextInt(3); c < m; c++) {
        none.add(randomCondition(r));
      }
      groups.add(new Rule.Group(all, none));
    }
    return new Rule("user", groups);
  }

  private static Rule.Condition randomCondition(SplittableRandom r) {
    String[] tags = {"dense", "half", "confined", "sparse", "multi", "num", "flag", "unknown"};
    String tag = tags[r.nextInt(tags.length)];
    Rule.Mode mode = Rule.Mode.values()[r.nextInt(4)];
    if (tag.equals("num")) {
      double low = r.nextInt(60);
      Rule.Range range = new Rule.Range(r.nextBoolean() ? null : low, r.nextBoolean(),
          r.nextBoolean() ? null : low + r.nextInt(50), r.nextBoolean());
      return condition(tag, TagType.NUMBER, mode, range);
    }
    Set<String> values = new LinkedHashSet<>();
    for (int i = 0, n = 1 + r.nextInt(2); i < n; i++) {
      String[] choices = tag.equals("flag") ? FLAGS : VALUES;
      values.add(r.nextInt(8) == 0 ? "zzz" : choices[r.nextInt(choices.length)]);
    }
    return condition(tag, TagType.ENUM, mode, new Rule.AnyOf(values));
  }

  private static Rule.Condition condition(
      String tag, TagType type, Rule.Mode mode, Rule.Predicate predicate) {
    boolean valueless = mode == Rule.Mode.PRESENT || mode == Rule.Mode.ABSENT;
    return new Rule.Condition(
        "test." + tag, tag, type, mode, valueless ? null : predicate, new Rule.Latest());
  }

  /** The rule read entity by entity, as SEGMENTS.md defines it. */
  private static boolean matches(Rule rule, int id) {
    for (Rule.Group g : rule.groups()) {
      if (g.conditions().stream().allMatch(c -> holds((Rule.Condition) c, id))
          && g.exclude().stream().noneMatch(c -> holds((Rule.Condition) c, id))) {
        return true;
      }
    }
    return false;
  }

  private static boolean holds(Rule.Condition c, int id) {
    String[][] column = VALUES_OF.get(c.tag());
    String[] values = column == null || id >= ENTITIES ? null : column[id];
    return switch (c.mode()) {
      case PRESENT -> values != null;
      case ABSENT -> values == null;
      case POSITIVE -> values != null && anyMatches(c.predicate(), values);
      case NEGATED -> values != null && !anyMatches(c.predicate(), values);
    };
  }

  private static boolean anyMatches(Rule.Predicate p, String[] values) {
    for (String v : values) {
      if (p instanceof Rule.Range range ? range.test(Double.parseDouble(v))
          : ((Rule.AnyOf) p).values().contains(v)) {
        return true;
      }
    }
    return false;
  }

  /** A column holding values for a {@code share} of entities {@code [from, to)}. */
  private static void column(
      Map<String, NavigableMap<LocalDate, TagColumn>> columns,
      String tag,
      TagType type,
      SplittableRandom random,
      int from,
      int to,
      double share,
      int maxValues) {
    boolean numeric = type == TagType.NUMBER;
    String[] choices = type == TagType.BOOLEAN ? FLAGS : VALUES;
    TagColumns.Builder builder = new TagColumns.Builder(type);
    String[][] values = new String[ENTITIES][];
    for (int id = from; id < to; id++) {
      if (random.nextDouble() >= share) {
        continue;
      }
      int n = 1 + random.nextInt(maxValues);
      Set<String> own = new LinkedHashSet<>();
      for (int i = 0; i < n; i++) {
        own.add(
            numeric ? String.valueOf(random.nextInt(100)) : choices[random.nextInt(choices.length)]);
      }
      values[id] = own.toArray(String[]::new);
      for (String v : own) {
        builder.add(id, numeric ? null : v, numeric ? Double.parseDouble(v) : 0);
      }
    }
    VALUES_OF.put(tag, values);
    NavigableMap<LocalDate, TagColumn> byDate = new TreeMap<>();
    byDate.put(LocalDate.of(2026, 12, 1), builder.build());
    columns.put(tag, byDate);
  }
}
