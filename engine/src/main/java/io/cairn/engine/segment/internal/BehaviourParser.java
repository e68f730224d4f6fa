package io.cairn.engine.segment.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.engine.event.AttributeType;
import io.cairn.engine.event.EventAttribute;
import io.cairn.engine.event.EventSources;
import io.cairn.engine.event.EventType;
import io.cairn.engine.event.EventTypes;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.problem.Violation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Parses a behaviour condition of SEGMENTS.md: {@code {"behavior": {"event", "source"?,
 * "window", "where"?, "count"?}}}. Windows are fixed dates or relative to today ({@code "T-6"},
 * {@code {"lastDays": N}}) in the events time zone, resolved when the rule is parsed, i.e. at each
 * evaluation. The count defaults to "at least once".
 */
@Component
class BehaviourParser {

  static final int MAX_WINDOW_DAYS = 400;
  static final int MAX_FILTERS = 10;
  private static final Pattern RELATIVE = Pattern.compile("T([+-]\\d{1,3})?");
  private static final Set<String> FIELDS = Set.of("event", "source", "window", "where", "count");
  private static final Map<AttributeType, Set<String>> OPERATORS = Map.of(
      AttributeType.TEXT, Set.of("in", "not_in", "empty", "not_empty"),
      AttributeType.BOOLEAN, Set.of("in", "not_in", "empty", "not_empty"),
      AttributeType.NUMBER, Set.of("eq", "in", "not_in", "gt", "gte", "lt", "lte", "between", "empty", "not_empty"),
      AttributeType.DATETIME, Set.of("empty", "not_empty"));

  private final EventTypes types;
  private final EventSources sources;
  private final Clock clock;
  private final ZoneId zone;

  BehaviourParser(EventTypes types, EventSources sources, Clock clock,
      @Value("${cairn.events.time-zone:UTC}") String zone) {
    this.types = types;
    this.sources = sources;
    this.clock = clock;
    this.zone = ZoneId.of(zone);
  }

  /** The behaviour at {@code path}, or null after adding what is wrong to {@code v}. */
  Rule.Behaviour parse(String entityType, JsonNode condition, String path, List<Violation> v) {
    String at = path + ".behavior";
    JsonNode b = condition.get("behavior");
    int before = v.size();
    if (!"user".equals(entityType)) {
      v.add(new Violation(at, "behaviour conditions apply to users (events belong to users)"));
      return null;
    }
    if (condition.size() != 1) {
      v.add(new Violation(path, "a behaviour condition has only the field 'behavior'"));
    }
    if (b == null || !b.isObject()) {
      v.add(new Violation(at, "an object {event, window, where?, count?, source?}"));
      return null;
    }
    for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        v.add(new Violation(at + "." + f, "unknown field"));
      }
    }
    EventType type = types.find(b.path("event").asText("")).orElse(null);
    if (type == null) {
      v.add(new Violation(at + ".event", "unknown event type '" + b.path("event").asText("") + "'"));
    }
    String source = b.hasNonNull("source") ? b.get("source").asText() : null;
    if (source != null) {
      try {
        sources.get(source);
      } catch (NotFoundException e) {
        v.add(new Violation(at + ".source", "unknown event source '" + source + "'"));
      }
    }
    LocalDate[] window = window(b.get("window"), at + ".window", v);
    List<Rule.AttributeFilter> where = type == null ? List.of() : where(type, b.get("where"), at + ".where", v);
    Rule.Range count = count(b.get("count"), at + ".count", v);
    if (v.size() > before) {
      return null;
    }
    return new Rule.Behaviour(path, type.code(), source, window[0], window[1], where, count);
  }

  private LocalDate[] window(JsonNode w, String at, List<Violation> v) {
    LocalDate today = LocalDate.now(clock.withZone(zone));
    if (w == null || !w.isObject()) {
      v.add(new Violation(at, "{\"from\": D, \"to\": D} with dates or T±N, or {\"lastDays\": N}"));
      return new LocalDate[2];
    }
    LocalDate from;
    LocalDate to;
    if (w.has("lastDays")) {
      int n = w.get("lastDays").asInt(0);
      if (w.size() != 1 || !w.get("lastDays").isIntegralNumber() || n < 1 || n > MAX_WINDOW_DAYS) {
        v.add(new Violation(at + ".lastDays", "a whole number of days, 1 to " + MAX_WINDOW_DAYS + ", alone"));
        return new LocalDate[2];
      }
      from = today.minusDays(n - 1L);
      to = today;
    } else {
      from = day(w.get("from"), today, at + ".from", v);
      to = day(w.get("to"), today, at + ".to", v);
      if (from == null || to == null) {
        return new LocalDate[2];
      }
      if (from.isAfter(to)) {
        v.add(new Violation(at, "from must not be after to"));
      } else if (ChronoUnit.DAYS.between(from, to) >= MAX_WINDOW_DAYS) {
        v.add(new Violation(at, "a window spans at most " + MAX_WINDOW_DAYS + " days"));
      }
    }
    return new LocalDate[] {from, to};
  }

  private static LocalDate day(JsonNode n, LocalDate today, String at, List<Violation> v) {
    String s = n == null ? "" : n.asText("");
    Matcher relative = RELATIVE.matcher(s);
    if (relative.matches()) {
      return relative.group(1) == null ? today : today.plusDays(Integer.parseInt(relative.group(1)));
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      v.add(new Violation(at, "'" + s + "' is neither a date (YYYY-MM-DD) nor T, T-N or T+N"));
      return null;
    }
  }

  /** The attribute filters of a behaviour ({@code where}), or none after adding problems to {@code v}. */
  static List<Rule.AttributeFilter> where(EventType type, JsonNode where, String at, List<Violation> v) {
    List<Rule.AttributeFilter> out = new ArrayList<>();
    if (where == null || where.isNull()) {
      return out;
    }
    if (!where.isArray() || where.size() > MAX_FILTERS) {
      v.add(new Violation(at, "a list of at most " + MAX_FILTERS + " attribute filters"));
      return out;
    }
    for (int i = 0; i < where.size(); i++) {
      String p = at + "[" + i + "]";
      JsonNode f = where.get(i);
      String name = f.path("attr").asText("");
      EventAttribute attribute = type.attributes().stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
      if (attribute == null) {
        v.add(new Violation(p + ".attr", "event type '" + type.code() + "' has no attribute '" + name + "'"));
        continue;
      }
      String op = f.path("op").asText("");
      if (!OPERATORS.get(attribute.type()).contains(op)) {
        v.add(new Violation(p + ".op", "'" + op + "' is not an operator for " + attribute.type()
            + " attributes; use one of " + new java.util.TreeSet<>(OPERATORS.get(attribute.type()))));
        continue;
      }
      try {
        out.add(filter(attribute, op, RuleParser.values(f)));
      } catch (IllegalArgumentException e) {
        v.add(new Violation(p + ".values", e.getMessage()));
      }
    }
    return out;
  }

  private static Rule.AttributeFilter filter(EventAttribute a, String op, List<JsonNode> vs) {
    boolean number = a.type() == AttributeType.NUMBER;
    return switch (op) {
      case "empty" -> new Rule.AttributeFilter(a.name(), Rule.Mode.ABSENT, null, number);
      case "not_empty" -> new Rule.AttributeFilter(a.name(), Rule.Mode.PRESENT, null, number);
      case "in", "not_in" -> new Rule.AttributeFilter(a.name(),
          op.equals("in") ? Rule.Mode.POSITIVE : Rule.Mode.NEGATED, new Rule.AnyOf(texts(a, vs)), number);
      default -> new Rule.AttributeFilter(a.name(), Rule.Mode.POSITIVE, range(op, RuleParser.num(vs, op.equals("between") ? 2 : 1)), true);
    };
  }

  /** Values as ingestion stores them: numbers in their shortest plain form, booleans lower-case. */
  private static Set<String> texts(EventAttribute a, List<JsonNode> vs) {
    if (vs.isEmpty()) {
      throw new IllegalArgumentException("give at least one value");
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode n : vs) {
      if (!n.isValueNode() || n.isNull()) {
        throw new IllegalArgumentException("values must be strings, numbers or booleans");
      }
      String s = SqlCompiler.checkedText(n.asText());
      if (a.type() == AttributeType.NUMBER) {
        s = BigDecimal.valueOf(RuleParser.num(List.of(n), 1)[0]).stripTrailingZeros().toPlainString();
      } else if (a.type() == AttributeType.BOOLEAN && !s.equals("true") && !s.equals("false")) {
        throw new IllegalArgumentException("'" + s + "' is not true or false");
      }
      out.add(s);
    }
    return out;
  }

  private static Rule.Range count(JsonNode c, String at, List<Violation> v) {
    if (c == null || c.isNull()) {
      return new Rule.Range(1.0, true, null, false);
    }
    String op = c.path("op").asText("");
    if (!Set.of("eq", "gt", "gte", "lt", "lte", "between").contains(op)) {
      v.add(new Violation(at + ".op", "one of eq, gt, gte, lt, lte, between"));
      return null;
    }
    try {
      double[] n = RuleParser.num(RuleParser.values(c), op.equals("between") ? 2 : 1);
      for (double d : n) {
        if (d < 0 || d != Math.floor(d)) {
          throw new IllegalArgumentException("counts are whole numbers ≥ 0");
        }
      }
      return range(op, n);
    } catch (IllegalArgumentException e) {
      v.add(new Violation(at + ".value", e.getMessage()));
      return null;
    }
  }

  private static Rule.Range range(String op, double[] n) {
    return switch (op) {
      case "eq" -> new Rule.Range(n[0], true, n[0], true);
      case "gt" -> new Rule.Range(n[0], false, null, false);
      case "gte" -> new Rule.Range(n[0], true, null, false);
      case "lt" -> new Rule.Range(null, false, n[0], false);
      case "lte" -> new Rule.Range(null, false, n[0], true);
      case "between" -> {
        if (n[0] > n[1]) {
          throw new IllegalArgumentException("between needs the lower bound first");
        }
        yield new Rule.Range(n[0], true, n[1], true);
      }
      default -> throw new IllegalArgumentException("unsupported operator " + op);
    };
  }
}
