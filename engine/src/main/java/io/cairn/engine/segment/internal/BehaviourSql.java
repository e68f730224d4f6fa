package io.cairn.engine.segment.internal;

import io.cairn.engine.event.StoredAttributes;
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

  /**
   * An attribute filter on the event {@code ev}, whose values are in its {@code attrs} column (see
   * {@link StoredAttributes}; attributes hold one value each). A negation needs the value: an
   * event without it never matches.
   */
  static String filter(Rule.AttributeFilter f) {
    String present = "LOCATE(" + entry(f.attribute(), StoredAttributes.TEXT) + ", " + ATTRS + ") > 0";
    return switch (f.mode()) {
      case PRESENT -> present;
      case ABSENT -> "NOT (" + present + ")";
      case POSITIVE -> predicate(f);
      case NEGATED -> "(" + present + " AND NOT " + predicate(f) + ")";
    };
  }

  /** The column, '' when the event has no attributes (LOCATE on NULL would be NULL). */
  private static final String ATTRS = "COALESCE(ev.attrs, '')";

  private static String predicate(Rule.AttributeFilter f) {
    if (f.predicate() instanceof Rule.AnyOf any) {
      // a value holding a separator is never stored, so it matches nothing
      String matches = any.values().stream()
          .filter(StoredAttributes::storable)
          .map(v -> "LOCATE(" + SqlCompiler.literal(StoredAttributes.UNIT + f.attribute() + StoredAttributes.TEXT + v
              + StoredAttributes.UNIT) + ", " + ATTRS + ") > 0")
          .collect(Collectors.joining(" OR "));
      return matches.isEmpty() ? "1 = 0" : "(" + matches + ")";
    }
    // the number runs from after "US name GS" to the next US
    String key = entry(f.attribute(), StoredAttributes.NUMBER);
    int length = f.attribute().length() + 2;
    String at = "LOCATE(" + key + ", " + ATTRS + ")";
    // NULL without a number (CASE, not AND: SQL does not promise to test the position first)
    String number = "(CASE WHEN " + at + " > 0 THEN CAST(SUBSTRING(" + ATTRS + ", " + at + " + " + length
        + ", LOCATE(" + SqlCompiler.literal(String.valueOf(StoredAttributes.UNIT)) + ", " + ATTRS + ", " + at
        + " + " + length + ") - " + at + " - " + length + ") AS DOUBLE) END)";
    String range = SqlCompiler.range(number, (Rule.Range) f.predicate());
    return range.isEmpty() ? "(" + at + " > 0)" : "(" + range + ")";
  }

  /** The literal {@code US name separator}. */
  private static String entry(String attribute, char separator) {
    return SqlCompiler.literal(StoredAttributes.UNIT + attribute + separator);
  }
}
