package io.cairn.engine.journey.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.engine.event.AttributeType;
import io.cairn.engine.event.EventAttribute;
import io.cairn.engine.event.EventType;
import io.cairn.engine.event.StoredAttributes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which events a component reacts to: an event source and code, attribute conditions joined by AND
 * or OR, and how many such events it takes ({@code atLeast}). Read from the component's properties
 * {@code eventSourceCode}, {@code eventCode}, {@code conditions} (a JSON array of {@code {"attr",
 * "op", "values"}} with the operators of segment behaviour conditions, SEGMENTS.md), {@code
 * conditionJoin} (AND, default, or OR) and {@code atLeast} (1 to {@value #MAX_AT_LEAST}, default
 * 1). An attribute the event lacks satisfies only {@code empty}.
 */
record EventFilter(
    String sourceCode, String eventCode, boolean any, List<Condition> conditions, int atLeast) {

  static final int MAX_AT_LEAST = 100;
  static final int MAX_CONDITIONS = 10;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<AttributeType, Set<String>> OPERATORS =
      Map.of(
          AttributeType.TEXT, Set.of("in", "not_in", "empty", "not_empty"),
          AttributeType.BOOLEAN, Set.of("in", "not_in", "empty", "not_empty"),
          AttributeType.NUMBER,
              Set.of("eq", "in", "not_in", "gt", "gte", "lt", "lte", "between", "empty", "not_empty"),
          AttributeType.DATETIME, Set.of("empty", "not_empty"));

  /** One test on one attribute; {@code texts} for in/not_in, {@code numbers} for comparisons. */
  record Condition(String attribute, String op, boolean numeric, Set<String> texts, double[] numbers) {

    boolean test(StoredAttributes.Value v) {
      boolean present = v != null && v.text() != null && !v.text().isEmpty();
      return switch (op) {
        case "empty" -> !present;
        case "not_empty" -> present;
        case "in" -> present && contains(v);
        case "not_in" -> present && !contains(v);
        default -> present && v.number() != null && compare(v.number());
      };
    }

    private boolean contains(StoredAttributes.Value v) {
      if (!numeric) {
        return texts.contains(v.text());
      }
      for (double n : numbers) {
        if (v.number() != null && v.number() == n) {
          return true;
        }
      }
      return false;
    }

    private boolean compare(double x) {
      return switch (op) {
        case "eq" -> x == numbers[0];
        case "gt" -> x > numbers[0];
        case "gte" -> x >= numbers[0];
        case "lt" -> x < numbers[0];
        case "lte" -> x <= numbers[0];
        case "between" -> x >= numbers[0] && x <= numbers[1];
        default -> false;
      };
    }
  }

  /** Whether an event of this source and code, with these stored attributes, matches. */
  boolean matches(String source, String code, String storedAttributes) {
    if (!sourceCode.equals(source) || !eventCode.equals(code)) {
      return false;
    }
    if (conditions.isEmpty()) {
      return true;
    }
    Map<String, StoredAttributes.Value> values = StoredAttributes.decode(storedAttributes);
    for (Condition c : conditions) {
      boolean ok = c.test(values.get(c.attribute()));
      if (ok && any) {
        return true;
      }
      if (!ok && !any) {
        return false;
      }
    }
    return !any;
  }

  /**
   * Reads the filter from a component's properties; returns null after adding what is wrong (in
   * the marketer's words) to {@code problems}.
   */
  static EventFilter parse(
      Map<String, String> props,
      Function<String, Optional<EventType>> types,
      Predicate<String> sourceExists,
      List<String> problems) {
    int before = problems.size();
    String source = props.getOrDefault("eventSourceCode", "").trim();
    String code = props.getOrDefault("eventCode", "").trim();
    if (source.isEmpty()) {
      problems.add("choose the event source (eventSourceCode)");
    } else if (!sourceExists.test(source)) {
      problems.add("event source '" + source + "' does not exist");
    }
    EventType type = null;
    if (code.isEmpty()) {
      problems.add("choose the event (eventCode)");
    } else {
      type = types.apply(code).orElse(null);
      if (type == null) {
        problems.add("event '" + code + "' is not defined in event management");
      }
    }
    String join = props.getOrDefault("conditionJoin", "AND").trim().toUpperCase(Locale.ROOT);
    if (!join.isEmpty() && !Set.of("AND", "OR").contains(join)) {
      problems.add("conditionJoin must be AND or OR");
    }
    int atLeast = atLeast(props.getOrDefault("atLeast", ""), problems);
    List<Condition> conditions =
        type == null ? List.of() : conditions(type, props.getOrDefault("conditions", ""), problems);
    if (problems.size() > before) {
      return null;
    }
    return new EventFilter(source, code, join.equals("OR"), conditions, atLeast);
  }

  private static int atLeast(String raw, List<String> problems) {
    if (raw.isBlank()) {
      return 1;
    }
    try {
      int n = Integer.parseInt(raw.trim());
      if (n >= 1 && n <= MAX_AT_LEAST) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add("atLeast must be a whole number from 1 to " + MAX_AT_LEAST);
    return 1;
  }

  private static List<Condition> conditions(EventType type, String raw, List<String> problems) {
    List<Condition> out = new ArrayList<>();
    if (raw.isBlank()) {
      return out;
    }
    JsonNode list;
    try {
      list = JSON.readTree(raw);
    } catch (Exception e) {
      problems.add("conditions must be a JSON list such as [{\"attr\":\"sku\",\"op\":\"in\",\"values\":[\"A1\"]}]");
      return out;
    }
    if (!list.isArray() || list.size() > MAX_CONDITIONS) {
      problems.add("conditions must be a JSON list of at most " + MAX_CONDITIONS + " conditions");
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode c = list.get(i);
      String name = c.path("attr").asText("");
      EventAttribute attribute =
          type.attributes().stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
      if (attribute == null) {
        problems.add("condition " + (i + 1) + ": event '" + type.code() + "' has no attribute '" + name + "'");
        continue;
      }
      String op = c.path("op").asText("");
      if (!OPERATORS.get(attribute.type()).contains(op)) {
        problems.add("condition " + (i + 1) + ": '" + op + "' is not an operator for "
            + attribute.type() + " attributes; use one of " + new TreeSet<>(OPERATORS.get(attribute.type())));
        continue;
      }
      try {
        out.add(condition(attribute, op, c.path("values")));
      } catch (IllegalArgumentException e) {
        problems.add("condition " + (i + 1) + ": " + e.getMessage());
      }
    }
    return out;
  }

  private static Condition condition(EventAttribute a, String op, JsonNode values) {
    boolean numeric = a.type() == AttributeType.NUMBER;
    if (op.equals("empty") || op.equals("not_empty")) {
      return new Condition(a.name(), op, numeric, Set.of(), new double[0]);
    }
    if (!values.isArray() || values.isEmpty()) {
      throw new IllegalArgumentException("give the values as a list");
    }
    int expected = op.equals("between") ? 2 : op.equals("in") || op.equals("not_in") ? -1 : 1;
    if (expected > 0 && values.size() != expected) {
      throw new IllegalArgumentException(op + " takes " + expected + " value" + (expected > 1 ? "s" : ""));
    }
    Set<String> texts = new LinkedHashSet<>();
    double[] numbers = new double[values.size()];
    for (int i = 0; i < values.size(); i++) {
      JsonNode v = values.get(i);
      if (!v.isValueNode() || v.isNull()) {
        throw new IllegalArgumentException("values must be strings, numbers or booleans");
      }
      String s = v.asText();
      if (numeric) {
        try {
          numbers[i] = new BigDecimal(s.trim()).doubleValue();
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + s + "' is not a number");
        }
      } else if (a.type() == AttributeType.BOOLEAN && !s.equals("true") && !s.equals("false")) {
        throw new IllegalArgumentException("'" + s + "' is not true or false");
      }
      texts.add(s);
    }
    if (op.equals("between") && numbers[0] > numbers[1]) {
      throw new IllegalArgumentException("between needs the lower bound first");
    }
    return new Condition(a.name(), op, numeric, texts, numbers);
  }
}
