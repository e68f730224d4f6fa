package io.cairn.engine.journey.internal;

import io.cairn.engine.segment.SegmentBitmaps;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * Stores the cohorts that tokens of a cohort-mode run carry. Cohorts are immutable; writes join the
 * engine's transaction, so a rolled-back step leaves no cohort behind.
 */
@Component
class CohortStore {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  CohortStore(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  long save(long runId, RoaringBitmap members) {
    byte[] bytes = SegmentBitmaps.serialize(members);
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "INSERT INTO cairn_cohort (run_id, size, bitmap, created_at) VALUES (?,?,?,?)",
                  Statement.RETURN_GENERATED_KEYS);
          ps.setLong(1, runId);
          ps.setLong(2, members.getLongCardinality());
          ps.setBytes(3, bytes);
          ps.setTimestamp(4, Timestamp.from(clock.instant()));
          return ps;
        },
        key);
    return key.getKey().longValue();
  }

  RoaringBitmap load(long cohortId) {
    byte[] bytes =
        jdbc.queryForObject(
            "SELECT bitmap FROM cairn_cohort WHERE id = ?",
            (rs, i) -> rs.getBytes(1),
            cohortId);
    return SegmentBitmaps.deserialize(bytes);
  }

  long size(long cohortId) {
    return jdbc.queryForObject("SELECT size FROM cairn_cohort WHERE id = ?", Long.class, cohortId);
  }

}
