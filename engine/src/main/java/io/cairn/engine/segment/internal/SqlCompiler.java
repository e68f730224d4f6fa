package io.cairn.engine.segment.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Compiles a rule to one SQL statement over Cairn's tables that selects the member ids: shown to
 * the marketer, and the pushdown path for warehouses. It must select exactly what {@link
 * BitmapEvaluator} selects (a differential test holds them to it), including missing values: a
 * negation only matches entities that have a value. Entity types and tag codes are validated
 * identifiers; values are quoted literals.
 */
final class SqlCompiler {

  private SqlCompiler() {}

  static String compile(Rule rule) {
    String type = literal(rule.entityType());
    List<String> groups = new ArrayList<>();
    for (Rule.Group g : rule.groups()) {
      StringBuilder sql =
          new StringBuilder("SELECT e.id FROM cairn_entity e WHERE e.entity_type = ").append(type);
      for (Rule.Condition c : g.conditions()) {
        sql.append("\n  AND ").append(condition(c, type));
      }
      for (Rule.Condition c : g.exclude()) {
        sql.append("\n  AND NOT (").append(condition(c, type)).append(')');
      }
      groups.add(sql.toString());
    }
    return String.join("\nUNION\n", groups);
  }

  private static String condition(Rule.Condition c, String type) {
    String present = values(c.tag(), type, null);
    return switch (c.mode()) {
      case PRESENT -> "e.id IN (" + present + ")";
      case ABSENT -> "e.id NOT IN (" + present + ")";
      case POSITIVE -> predicate(c.tag(), c.predicate(), type);
      case NEGATED ->
          "(e.id IN (" + present + ") AND NOT " + predicate(c.tag(), c.predicate(), type) + ")";
    };
  }

  private static String predicate(String tag, Rule.Predicate p, String type) {
    if (p instanceof Rule.AnyOf any) {
      return "e.id IN (" + values(tag, type, "v.v_text IN (" + list(any.values()) + ")") + ")";
    }
    if (p instanceof Rule.AllOf all) {
      return all.values().stream()
          .map(v -> "e.id IN (" + values(tag, type, "v.v_text = " + literal(v)) + ")")
          .collect(Collectors.joining(" AND ", "(", ")"));
    }
    if (p instanceof Rule.Contains contains) {
      String pattern =
          "%" + contains.text().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
      return "e.id IN ("
          + values(tag, type, "v.v_text LIKE " + literal(pattern) + " ESCAPE '!'")
          + ")";
    }
    Rule.Range r = (Rule.Range) p;
    List<String> bounds = new ArrayList<>();
    if (r.low() != null) {
      bounds.add("v.v_num " + (r.lowInclusive() ? ">= " : "> ") + number(r.low()));
    }
    if (r.high() != null) {
      bounds.add("v.v_num " + (r.highInclusive() ? "<= " : "< ") + number(r.high()));
    }
    return "e.id IN (" + values(tag, type, String.join(" AND ", bounds)) + ")";
  }

  /** Entities with a latest value of the tag (matching {@code filter} when given). */
  private static String values(String tag, String type, String filter) {
    String code = literal(tag);
    return "SELECT v.entity_id FROM cairn_tag_value v WHERE v.entity_type = "
        + type
        + " AND v.tag_code = "
        + code
        + " AND v.snapshot_date = (SELECT MAX(snapshot_date) FROM cairn_tag_value WHERE"
        + " entity_type = "
        + type
        + " AND tag_code = "
        + code
        + ")"
        + (filter == null ? "" : " AND " + filter);
  }

  private static String list(java.util.Collection<String> values) {
    return values.stream().map(SqlCompiler::literal).collect(Collectors.joining(", "));
  }

  /** An ANSI string literal (quotes doubled); on MySQL run it with NO_BACKSLASH_ESCAPES. */
  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String number(double d) {
    return BigDecimal.valueOf(d).toPlainString();
  }
}
