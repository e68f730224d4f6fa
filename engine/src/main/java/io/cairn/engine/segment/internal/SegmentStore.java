package io.cairn.engine.segment.internal;

import io.cairn.engine.segment.Segment;
import io.cairn.engine.segment.SegmentBitmaps;
import io.cairn.engine.segment.SegmentStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** SQL of segment definitions and their bitmap snapshots. */
@Component
public class SegmentStore {

  private static final String COLUMNS =
      "id, name, entity_type, kind, status, size, definition, error, created_at, refreshed_at";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  SegmentStore(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public long insert(String name, String entityType, String definition) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "INSERT INTO cairn_segment (name, entity_type, kind, definition, status,"
                      + " created_at) VALUES (?,?,?,?,?,?)",
                  Statement.RETURN_GENERATED_KEYS);
          ps.setString(1, name);
          ps.setString(2, entityType);
          ps.setString(3, "RULE");
          ps.setString(4, definition);
          ps.setString(5, SegmentStatus.GENERATING.name());
          ps.setTimestamp(6, Timestamp.from(clock.instant()));
          return ps;
        },
        key);
    return key.getKey().longValue();
  }

  public Optional<Segment> find(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM cairn_segment WHERE id = ?", SegmentStore::row, id)
        .stream()
        .findFirst();
  }

  public List<Segment> list(int page, int size) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM cairn_segment ORDER BY id DESC LIMIT ? OFFSET ?",
        SegmentStore::row,
        size,
        (long) page * size);
  }

  public long count() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM cairn_segment", Long.class);
  }

  public void saveSnapshot(long segmentId, RoaringBitmap members) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update(
        "INSERT INTO cairn_segment_snapshot (segment_id, size, bitmap, created_at) VALUES (?,?,?,?)",
        segmentId,
        members.getLongCardinality(),
        SegmentBitmaps.serialize(members),
        now);
    jdbc.update(
        "UPDATE cairn_segment SET status = ?, size = ?, error = NULL, refreshed_at = ? WHERE id = ?",
        SegmentStatus.ACTIVE.name(),
        members.getLongCardinality(),
        now,
        segmentId);
  }

  public void markFailed(long segmentId, String error) {
    jdbc.update(
        "UPDATE cairn_segment SET status = ?, error = ? WHERE id = ?",
        SegmentStatus.FAILED.name(),
        error.length() > 1000 ? error.substring(0, 1000) : error,
        segmentId);
  }

  public Optional<RoaringBitmap> latestSnapshot(long segmentId) {
    return jdbc.query(
            "SELECT bitmap FROM cairn_segment_snapshot WHERE segment_id = ? ORDER BY id DESC LIMIT 1",
            (rs, i) -> SegmentBitmaps.deserialize(rs.getBytes(1)),
            segmentId)
        .stream()
        .findFirst();
  }

  private static Segment row(ResultSet rs, int i) throws SQLException {
    long size = rs.getLong("size");
    boolean noSize = rs.wasNull();
    Timestamp refreshed = rs.getTimestamp("refreshed_at");
    return new Segment(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("entity_type"),
        rs.getString("kind"),
        SegmentStatus.valueOf(rs.getString("status")),
        noSize ? null : size,
        rs.getString("definition"),
        rs.getString("error"),
        rs.getTimestamp("created_at").toInstant(),
        refreshed == null ? null : refreshed.toInstant());
  }
}
