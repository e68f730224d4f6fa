package io.cairn.engine.segment.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.engine.profile.TagCatalog;
import io.cairn.engine.profile.TagDefinition;
import io.cairn.engine.profile.TagType;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Parses and validates the rule JSON of SEGMENTS.md against the tag catalog. Collects every
 * problem with its JSON path and refuses the rule when there is any.
 */
@Component
class RuleParser {

  static final int MAX_GROUPS = 20;
  private static final long DAY = 86_400;

  private static final Map<TagType, Set<String>> OPERATORS =
      Map.of(
          TagType.ENUM, Set.of("in", "not_in", "empty", "not_empty"),
          TagType.BOOLEAN, Set.of("in", "not_in", "empty", "not_empty"),
          TagType.NUMBER,
              Set.of("eq", "ne", "gt", "gte", "lt", "lte", "between", "empty", "not_empty"),
          TagType.DATE,
              Set.of(
                  "on", "not_on", "after", "on_or_after", "before", "on_or_before", "between",
                  "last_days", "this_week", "this_month", "empty", "not_empty"),
          TagType.MULTI, Set.of("contains_any", "contains_all", "empty", "not_empty"),
          TagType.TEXT, Set.of("eq", "ne", "contains", "empty", "not_empty"));

  private final TagCatalog catalog;
  private final Clock clock;
  private final BehaviourParser behaviours;

  RuleParser(TagCatalog catalog, Clock clock, BehaviourParser behaviours) {
    this.catalog = catalog;
    this.clock = clock;
    this.behaviours = behaviours;
  }

  Rule parse(String entityType, JsonNode json) {
    List<Violation> v = new ArrayList<>();
    if (json == null || !json.isObject()) {
      throw invalid(List.of(new Violation("rule", "the rule must be a JSON object")));
    }
    if (json.hasNonNull("entityType") && !json.get("entityType").asText().equals(entityType)) {
      v.add(new Violation("rule.entityType", "does not match the segment's entity type"));
    }
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      // "combine" names other segments: Definitions validates and applies it
      if (!f.equals("groups") && !f.equals("entityType") && !f.equals("combine")) {
        v.add(new Violation("rule." + f, "unknown field"));
      }
    }
    JsonNode groups = json.get("groups");
    List<Rule.Group> parsed = new ArrayList<>();
    if (groups == null || !groups.isArray() || groups.isEmpty()) {
      v.add(new Violation("groups", "a rule has 1 to " + MAX_GROUPS + " groups"));
    } else if (groups.size() > MAX_GROUPS) {
      v.add(new Violation("groups", "at most " + MAX_GROUPS + " groups"));
    } else {
      Map<String, TagDefinition> tags = new java.util.HashMap<>();
      catalog.list(entityType).forEach(t -> tags.put(t.code(), t));
      for (int g = 0; g < groups.size(); g++) {
        String path = "groups[" + g + "]";
        JsonNode group = groups.get(g);
        List<Rule.Check> conditions = conditions(entityType, group, path, "conditions", tags, v, true);
        List<Rule.Check> exclude = conditions(entityType, group, path, "exclude", tags, v, false);
        parsed.add(new Rule.Group(conditions, exclude));
      }
    }
    if (!v.isEmpty()) {
      throw invalid(v);
    }
    return new Rule(entityType, parsed);
  }

  private static InvalidInputException invalid(List<Violation> v) {
    return new InvalidInputException("invalid-rule", "The segment rule is not valid", v);
  }

  private List<Rule.Check> conditions(
      String entityType,
      JsonNode group,
      String path,
      String field,
      Map<String, TagDefinition> tags,
      List<Violation> v,
      boolean required) {
    List<Rule.Check> out = new ArrayList<>();
    JsonNode list = group == null ? null : group.get(field);
    if (list == null || list.isNull()) {
      if (required) {
        v.add(new Violation(path + "." + field, "a group needs at least one condition"));
      }
      return out;
    }
    if (!list.isArray() || (required && list.isEmpty())) {
      v.add(new Violation(path + "." + field, "must be a non-empty list of conditions"));
      return out;
    }
    for (int c = 0; c < list.size(); c++) {
      String at = path + "." + field + "[" + c + "]";
      JsonNode json = list.get(c);
      Rule.Check cond =
          json != null && json.has("behavior")
              ? behaviours.parse(entityType, json, at, v)
              : condition(json, at, tags, v);
      if (cond != null) {
        out.add(cond);
      }
    }
    return out;
  }

  private Rule.Condition condition(
      JsonNode c, String path, Map<String, TagDefinition> tags, List<Violation> v) {
    if (c == null || !c.isObject()) {
      v.add(new Violation(path, "a condition is an object {tag, op, values}"));
      return null;
    }
    String code = c.path("tag").asText("");
    TagDefinition tag = tags.get(code);
    if (tag == null) {
      v.add(new Violation(path + ".tag", "unknown tag '" + code + "'"));
      return null;
    }
    String op = c.path("op").asText("");
    if (!OPERATORS.get(tag.type()).contains(op)) {
      v.add(
          new Violation(
              path + ".op",
              "'" + op + "' is not an operator for " + tag.type() + " tags; use one of "
                  + new java.util.TreeSet<>(OPERATORS.get(tag.type()))));
      return null;
    }
    Rule.Snapshot at;
    try {
      at = snapshot(c.get("at"), tag, op);
    } catch (IllegalArgumentException e) {
      v.add(new Violation(path + ".at", e.getMessage()));
      return null;
    }
    try {
      Rule.Condition parsed = build(path, tag, op, values(c));
      return new Rule.Condition(path, code, tag.type(), parsed.mode(), parsed.predicate(), at);
    } catch (IllegalArgumentException e) {
      v.add(new Violation(path + ".values", e.getMessage()));
      return null;
    }
  }

  /** {@code at}: absent = latest, {@code {"date": D}}, or {@code {"change": [D1, D2]}}. */
  private static Rule.Snapshot snapshot(JsonNode at, TagDefinition tag, String op) {
    if (at == null || at.isNull()) {
      return new Rule.Latest();
    }
    if (!at.isObject() || at.size() != 1 || !(at.has("date") || at.has("change"))) {
      throw new IllegalArgumentException("use {\"date\": \"YYYY-MM-DD\"} or {\"change\": [D1, D2]}");
    }
    if (at.has("date")) {
      return new Rule.AsOf(isoDate(at.get("date")));
    }
    JsonNode change = at.get("change");
    if (!change.isArray() || change.size() != 2) {
      throw new IllegalArgumentException("change needs two dates [from, to]");
    }
    LocalDate from = isoDate(change.get(0));
    LocalDate to = isoDate(change.get(1));
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("change needs the earlier date first");
    }
    if (tag.type() == TagType.NUMBER && (op.equals("empty") || op.equals("not_empty"))) {
      throw new IllegalArgumentException(
          "a change of a number is compared: use eq, ne, gt, gte, lt, lte or between");
    }
    return new Rule.Change(from, to);
  }

  private static LocalDate isoDate(JsonNode n) {
    try {
      return LocalDate.parse(n.asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + n.asText() + "' is not an ISO-8601 date (YYYY-MM-DD)");
    }
  }

  /** The {@code values} array or the single {@code value} of a condition. */
  static List<JsonNode> values(JsonNode c) {
    List<JsonNode> out = new ArrayList<>();
    if (c.has("values") && c.get("values").isArray()) {
      c.get("values").forEach(out::add);
    } else if (c.has("value")) {
      out.add(c.get("value"));
    }
    return out;
  }

  /** The mode and predicate of a condition (its other fields are filled in by the caller). */
  private Rule.Condition build(String path, TagDefinition tag, String op, List<JsonNode> vs) {
    String code = tag.code();
    return switch (op) {
      case "empty" -> condition(path, code, Rule.Mode.ABSENT, null);
      case "not_empty" -> condition(path, code, Rule.Mode.PRESENT, null);
      case "in", "contains_any" ->
          condition(path, code, Rule.Mode.POSITIVE, new Rule.AnyOf(texts(tag, vs)));
      case "not_in" ->
          condition(path, code, Rule.Mode.NEGATED, new Rule.AnyOf(texts(tag, vs)));
      case "contains_all" ->
          condition(path, code, Rule.Mode.POSITIVE, new Rule.AllOf(texts(tag, vs)));
      case "contains" ->
          condition(path, code, Rule.Mode.POSITIVE, new Rule.Contains(one(tag, vs)));
      case "eq", "ne" -> {
        Rule.Mode mode = op.equals("eq") ? Rule.Mode.POSITIVE : Rule.Mode.NEGATED;
        Rule.Predicate p =
            tag.type() == TagType.NUMBER
                ? new Rule.Range(num(vs, 1)[0], true, num(vs, 1)[0], true)
                : new Rule.AnyOf(Set.of(one(tag, vs)));
        yield condition(path, code, mode, p);
      }
      case "gt" -> range(path, code, num(vs, 1)[0], false, null, false);
      case "gte" -> range(path, code, num(vs, 1)[0], true, null, false);
      case "lt" -> range(path, code, null, false, num(vs, 1)[0], false);
      case "lte" -> range(path, code, null, false, num(vs, 1)[0], true);
      case "between" -> {
        if (tag.type() == TagType.DATE) {
          double[] lo = day(vs, 0, 2);
          double[] hi = day(vs, 1, 2);
          yield range(path, code, lo[0], true, hi[1], false);
        }
        double[] b = num(vs, 2);
        if (b[0] > b[1]) {
          throw new IllegalArgumentException("between needs the lower bound first");
        }
        yield range(path, code, b[0], true, b[1], true);
      }
      case "on" -> {
        double[] d = day(vs, 0, 1);
        yield range(path, code, d[0], true, d[1], false);
      }
      case "not_on" -> {
        double[] d = day(vs, 0, 1);
        yield condition(path, code, Rule.Mode.NEGATED, new Rule.Range(d[0], true, d[1], false));
      }
      case "last_days" -> {
        double n = num(vs, 1)[0];
        if (n < 1 || n > 3650 || n != Math.floor(n)) {
          throw new IllegalArgumentException("last_days takes a whole number of days, 1 to 3650");
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        yield range(path, code, epoch(today.minusDays((long) n)), true, epoch(today), false);
      }
      case "this_week", "this_month" -> {
        if (!vs.isEmpty()) {
          throw new IllegalArgumentException(op + " takes no values");
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate start =
            op.equals("this_week")
                ? today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                : today.withDayOfMonth(1);
        LocalDate end = op.equals("this_week") ? start.plusWeeks(1) : start.plusMonths(1);
        yield range(path, code, epoch(start), true, epoch(end), false);
      }
      case "before" -> range(path, code, null, false, day(vs, 0, 1)[0], false);
      case "on_or_before" -> range(path, code, null, false, day(vs, 0, 1)[1], false);
      case "after" -> range(path, code, day(vs, 0, 1)[1], true, null, false);
      case "on_or_after" -> range(path, code, day(vs, 0, 1)[0], true, null, false);
      default -> throw new IllegalArgumentException("unsupported operator " + op);
    };
  }

  private static Rule.Condition range(
      String path, String code, Double lo, boolean loInc, Double hi, boolean hiInc) {
    return condition(path, code, Rule.Mode.POSITIVE, new Rule.Range(lo, loInc, hi, hiInc));
  }

  private static Rule.Condition condition(
      String path, String code, Rule.Mode mode, Rule.Predicate predicate) {
    return new Rule.Condition(path, code, null, mode, predicate, new Rule.Latest());
  }

  private static double epoch(LocalDate day) {
    return day.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
  }

  private static Set<String> texts(TagDefinition tag, List<JsonNode> vs) {
    if (vs.isEmpty()) {
      throw new IllegalArgumentException("give at least one value");
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode n : vs) {
      out.add(text(tag, n));
    }
    return out;
  }

  private static String one(TagDefinition tag, List<JsonNode> vs) {
    if (vs.size() != 1) {
      throw new IllegalArgumentException("give exactly one value");
    }
    return text(tag, vs.get(0));
  }

  private static String text(TagDefinition tag, JsonNode n) {
    if (!n.isValueNode() || n.isNull()) {
      throw new IllegalArgumentException("values must be strings, numbers or booleans");
    }
    String s = SqlCompiler.checkedText(n.asText());
    if (tag.type() == TagType.BOOLEAN) {
      if (!s.equals("true") && !s.equals("false")) {
        throw new IllegalArgumentException("'" + s + "' is not true or false");
      }
    }
    return s;
  }

  /** Exactly {@code count} finite numbers (numbers or numeric strings). */
  static double[] num(List<JsonNode> vs, int count) {
    if (vs.size() != count) {
      throw new IllegalArgumentException("give exactly " + count + " number" + (count > 1 ? "s" : ""));
    }
    double[] out = new double[count];
    for (int i = 0; i < count; i++) {
      JsonNode n = vs.get(i);
      try {
        out[i] = n.isNumber() ? n.asDouble() : Double.parseDouble(n.asText());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + n.asText() + "' is not a number");
      }
      if (Double.isNaN(out[i]) || Double.isInfinite(out[i])) {
        throw new IllegalArgumentException("not a finite number");
      }
    }
    return out;
  }

  /**
   * The instant range [start, end) a date value covers: a whole UTC day for a date, a single
   * second for a date-time.
   */
  private static double[] day(List<JsonNode> vs, int index, int count) {
    if (vs.size() != count) {
      throw new IllegalArgumentException("give exactly " + count + " date" + (count > 1 ? "s" : ""));
    }
    String s = vs.get(index).asText();
    try {
      if (s.length() <= 10) {
        long start = LocalDate.parse(s).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        return new double[] {start, start + DAY};
      }
      long t = LocalDateTime.parse(s).toEpochSecond(ZoneOffset.UTC);
      return new double[] {t, t + 1};
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + s + "' is not an ISO-8601 date or date-time");
    }
  }
}
