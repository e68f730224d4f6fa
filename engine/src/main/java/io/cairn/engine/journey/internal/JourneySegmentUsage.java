package io.cairn.engine.journey.internal;

import io.cairn.engine.segment.SegmentUsage;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Journeys that have not ended use their entry segment: it cannot be deleted meanwhile. Journeys
 * have no planned end yet, so they put no bound on the segment's expiry.
 */
@Component
class JourneySegmentUsage implements SegmentUsage {

  private final JdbcTemplate jdbc;

  JourneySegmentUsage(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<Use> uses(long segmentId) {
    return jdbc.query(
        "SELECT id, name FROM cairn_journey WHERE entry_segment_id = ?"
            + " AND status NOT IN ('STOPPED', 'COMPLETED', 'FAILED') AND "
            + JourneyStore.LIVE
            + " ORDER BY id",
        (rs, i) -> new Use("journey " + rs.getLong(1) + " \"" + rs.getString(2) + "\"", null),
        segmentId);
  }
}
