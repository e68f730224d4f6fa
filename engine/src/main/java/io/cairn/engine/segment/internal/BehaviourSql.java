package io.cairn.engine.segment.internal;

import java.util.stream.Collectors;

/**
 * The SQL that counts, per user, the events a behaviour condition looks at: from the daily counts
 * when it filters on no attribute, else from the raw events. Both the bitmap path ({@link
 * BehaviourReader}) and the rule's SQL ({@link SqlCompiler}) use it, and each applies the count
 * range its own way (the differential test holds them to the same answer, including users who
 * never did the event).
 */
final class BehaviourSql {

  private BehaviourSql() {}

  /** {@code SELECT entity_id, n} for the users who did it at least once in the window. */
  static String counts(Rule.Behaviour b) {
    String window = " BETWEEN DATE '" + b.from() + "' AND DATE '" + b.to() + "'";
    String source = b.source() == null ? "" : " AND %s.source_code = " + SqlCompiler.literal(b.source());
    if (b.where().isEmpty()) {
      return "SELECT d.entity_id, SUM(d.cnt) AS n FROM cairn_event_daily d WHERE d.event_code = "
          + SqlCompiler.literal(b.event()) + source.formatted("d") + " AND d.event_day" + window
          + " GROUP BY d.entity_id";
    }
    String filters = b.where().stream().map(BehaviourSql::filter).collect(Collectors.joining(" AND "));
    return "SELECT ev.entity_id, COUNT(*) AS n FROM cairn_event ev WHERE ev.event_code = "
        + SqlCompiler.literal(b.event()) + source.formatted("ev") + " AND ev.event_day" + window
        + " AND " + filters + " GROUP BY ev.entity_id";
  }

  /** An attribute filter on the event {@code ev} (attributes hold one value each). */
  private static String filter(Rule.AttributeFilter f) {
    return switch (f.mode()) {
      case PRESENT -> attribute(f, null);
      case ABSENT -> "NOT " + attribute(f, null);
      case POSITIVE -> attribute(f, predicate(f));
      case NEGATED -> attribute(f, "NOT (" + predicate(f) + ")");
    };
  }

  private static String attribute(Rule.AttributeFilter f, String test) {
    return "EXISTS (SELECT 1 FROM cairn_event_attr a WHERE a.event_id = ev.id AND a.name = "
        + SqlCompiler.literal(f.attribute()) + (test == null ? "" : " AND " + test) + ")";
  }

  private static String predicate(Rule.AttributeFilter f) {
    if (f.predicate() instanceof Rule.AnyOf any) {
      return "a.v_text IN (" + any.values().stream().map(SqlCompiler::literal).collect(Collectors.joining(", ")) + ")";
    }
    return SqlCompiler.range("a.v_num", (Rule.Range) f.predicate());
  }
}
