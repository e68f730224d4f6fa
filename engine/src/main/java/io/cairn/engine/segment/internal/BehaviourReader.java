package io.cairn.engine.segment.internal;

import java.util.HashMap;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Answers the behaviour conditions of a rule as bitmaps, from the event tables. */
@Component
class BehaviourReader {

  private final JdbcTemplate jdbc;

  BehaviourReader(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Every behaviour condition of the rule with the users it selects (none: an empty map). */
  Map<Rule.Behaviour, RoaringBitmap> resolve(Rule rule, RoaringBitmap universe) {
    Map<Rule.Behaviour, RoaringBitmap> out = new HashMap<>();
    for (Rule.Group g : rule.groups()) {
      g.conditions().forEach(c -> add(c, universe, out));
      g.exclude().forEach(c -> add(c, universe, out));
    }
    return out;
  }

  private void add(Rule.Check c, RoaringBitmap universe, Map<Rule.Behaviour, RoaringBitmap> out) {
    if (c instanceof Rule.Behaviour b && !out.containsKey(b)) {
      out.put(b, matching(b, universe));
    }
  }

  /**
   * The users whose count satisfies the range. When 0 satisfies it, that is everyone except those
   * who did it a number of times outside the range.
   */
  RoaringBitmap matching(Rule.Behaviour b, RoaringBitmap universe) {
    RoaringBitmap within = new RoaringBitmap();
    RoaringBitmap outside = new RoaringBitmap();
    jdbc.query(BehaviourSql.counts(b), rs -> {
      (b.count().test(rs.getLong(2)) ? within : outside).add(rs.getInt(1));
    });
    return b.count().test(0) ? RoaringBitmap.andNot(universe, outside) : within;
  }
}
