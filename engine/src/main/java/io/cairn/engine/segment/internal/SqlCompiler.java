package io.cairn.engine.segment.internal;

import io.cairn.engine.profile.TagType;
import java.math.BigDecimal;
import java.time.LocalDate;
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
      for (Rule.Check c : g.conditions()) {
        sql.append("\n  AND ").append(check(c, type));
      }
      for (Rule.Check c : g.exclude()) {
        sql.append("\n  AND NOT (").append(check(c, type)).append(')');
      }
      groups.add(sql.toString());
    }
    return String.join("\nUNION\n", groups);
  }

  private static String check(Rule.Check check, String type) {
    return check instanceof Rule.Condition c ? condition(c, type) : behaviour((Rule.Behaviour) check);
  }

  /** See {@link Rule.Behaviour}: users who never did it count 0 times. */
  private static String behaviour(Rule.Behaviour b) {
    String counts = BehaviourSql.counts(b);
    String test = range("c.n", b.count());
    if (b.count().test(0)) {
      return "e.id NOT IN (SELECT c.entity_id FROM (" + counts + ") c WHERE NOT (" + test + "))";
    }
    return "e.id IN (SELECT c.entity_id FROM (" + counts + ") c WHERE " + test + ")";
  }

  private static String condition(Rule.Condition c, String type) {
    if (c.at() instanceof Rule.Change change) {
      return change(c, change, type);
    }
    LocalDate asOf = c.at() instanceof Rule.AsOf a ? a.date() : null;
    return onSnapshot(c, type, asOf);
  }

  /** {@code c} on the snapshot of {@code asOf} (null = latest). */
  private static String onSnapshot(Rule.Condition c, String type, LocalDate asOf) {
    String present = values(c.tag(), type, asOf, null);
    return switch (c.mode()) {
      case PRESENT -> "e.id IN (" + present + ")";
      case ABSENT -> "e.id NOT IN (" + present + ")";
      case POSITIVE -> predicate(c.tag(), c.predicate(), type, asOf);
      case NEGATED ->
          "(e.id IN (" + present + ") AND NOT " + predicate(c.tag(), c.predicate(), type, asOf) + ")";
    };
  }

  private static String predicate(String tag, Rule.Predicate p, String type, LocalDate asOf) {
    if (p instanceof Rule.AnyOf any) {
      return "e.id IN (" + values(tag, type, asOf, "v.v_text IN (" + list(any.values()) + ")") + ")";
    }
    if (p instanceof Rule.AllOf all) {
      return all.values().stream()
          .map(v -> "e.id IN (" + values(tag, type, asOf, "v.v_text = " + literal(v)) + ")")
          .collect(Collectors.joining(" AND ", "(", ")"));
    }
    if (p instanceof Rule.Contains contains) {
      String pattern =
          "%" + contains.text().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
      return "e.id IN ("
          + values(tag, type, asOf, "v.v_text LIKE " + literal(pattern) + " ESCAPE '!'")
          + ")";
    }
    return "e.id IN (" + values(tag, type, asOf, range("v.v_num", (Rule.Range) p)) + ")";
  }

  /** Change between two snapshots; see {@link Rule.Change} for the meaning. */
  private static String change(Rule.Condition c, Rule.Change change, String type) {
    String code = literal(c.tag());
    String a = row("a", type, code, change.from());
    String b = row("b", type, code, change.to());
    if (c.type() == TagType.NUMBER) {
      String test = range("(b.v_num - a.v_num)", (Rule.Range) c.predicate());
      return "e.id IN (SELECT b.entity_id FROM cairn_tag_value a JOIN cairn_tag_value b ON"
          + " b.entity_id = a.entity_id WHERE " + a + " AND " + b + " AND "
          + (c.mode() == Rule.Mode.NEGATED ? "NOT (" + test + ")" : test) + ")";
    }
    // Set differences, not correlated NOT EXISTS: H2 re-runs the snapshot subquery per row.
    String same = c.numeric() ? "v_num" : "v_text";
    String a2 = "SELECT a.entity_id, a." + same + " FROM cairn_tag_value a WHERE " + a;
    String b2 = "SELECT b.entity_id, b." + same + " FROM cairn_tag_value b WHERE " + b;
    String changed = "SELECT x.entity_id FROM (" + a2 + " EXCEPT " + b2 + ") x"
        + "\n    UNION SELECT y.entity_id FROM (" + b2 + " EXCEPT " + a2 + ") y";
    return "(e.id IN (" + changed + ") AND " + onSnapshot(c, type, change.to()) + ")";
  }

  /** Rows of alias {@code t} holding the tag's values on the snapshot of {@code asOf}. */
  private static String row(String t, String type, String code, LocalDate asOf) {
    return t + ".entity_type = " + type + " AND " + t + ".tag_code = " + code + " AND " + t
        + ".snapshot_date = " + snapshot(type, code, asOf);
  }

  /** Entities with a value of the tag on the snapshot of {@code asOf} (matching {@code filter}). */
  private static String values(String tag, String type, LocalDate asOf, String filter) {
    return "SELECT v.entity_id FROM cairn_tag_value v WHERE "
        + row("v", type, literal(tag), asOf)
        + (filter == null ? "" : " AND " + filter);
  }

  /** The newest snapshot date of the tag on or before {@code asOf} (null = the newest of all). */
  private static String snapshot(String type, String code, LocalDate asOf) {
    return "(SELECT MAX(snapshot_date) FROM cairn_tag_value WHERE entity_type = " + type
        + " AND tag_code = " + code
        + (asOf == null ? "" : " AND snapshot_date <= DATE '" + asOf + "'") + ")";
  }

  static String range(String expr, Rule.Range r) {
    List<String> bounds = new ArrayList<>();
    if (r.low() != null) {
      bounds.add(expr + (r.lowInclusive() ? " >= " : " > ") + number(r.low()));
    }
    if (r.high() != null) {
      bounds.add(expr + (r.highInclusive() ? " <= " : " < ") + number(r.high()));
    }
    return String.join(" AND ", bounds);
  }

  private static String list(java.util.Collection<String> values) {
    return values.stream().map(SqlCompiler::literal).collect(Collectors.joining(", "));
  }

  /** An ANSI string literal (quotes doubled); on MySQL run it with NO_BACKSLASH_ESCAPES. */
  /**
   * A string literal. Backslashes are refused (rule values are checked for them when parsed):
   * MySQL and MariaDB read a backslash in a literal as an escape unless NO_BACKSLASH_ESCAPES is
   * set, so {@code '\'} would end a literal early there and let the next value become SQL,
   * while H2 reads it as a plain character; no single quoting is right on both.
   */
  static String literal(String s) {
    return "'" + checkedText(s).replace("'", "''") + "'";
  }

  /** {@code s}, if SQL literals can carry it on every database Cairn runs on. */
  static String checkedText(String s) {
    if (s.indexOf('\\') >= 0) {
      throw new IllegalArgumentException("values must not contain a backslash (\\)");
    }
    return s;
  }

  private static String number(double d) {
    return BigDecimal.valueOf(d).toPlainString();
  }
}
