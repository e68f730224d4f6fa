package io.cairn.engine.segment.internal;

import io.cairn.engine.segment.Refresh;
import io.cairn.engine.segment.Segment;
import io.cairn.engine.segment.SegmentBitmaps;
import io.cairn.engine.segment.SegmentFilter;
import io.cairn.engine.segment.SegmentGroup;
import io.cairn.engine.segment.SegmentKind;
import io.cairn.engine.segment.SegmentSettings;
import io.cairn.engine.segment.SegmentStatus;
import io.cairn.engine.segment.SizeRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** SQL of segment definitions, their settings, groups, snapshots and deletions. */
@Component
public class SegmentStore {

  private static final String COLUMNS =
      "id, name, entity_type, kind, status, size, definition, error, created_at, refreshed_at,"
          + " group_id, refresh, refresh_at, time_zone, scenario, expires_at, time_sensitive,"
          + " notify_email, report";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  SegmentStore(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A new segment in status GENERATING. */
  public long insert(
      long workspaceId,
      String name,
      String entityType,
      SegmentKind kind,
      String definition,
      SegmentSettings s) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "INSERT INTO cairn_segment (name, entity_type, kind, definition, status,"
                      + " created_at, group_id, refresh, refresh_at, time_zone, scenario,"
                      + " expires_at, time_sensitive, notify_email, workspace_id)"
                      + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                  Statement.RETURN_GENERATED_KEYS);
          ps.setString(1, name);
          ps.setString(2, entityType);
          ps.setString(3, kind.name());
          ps.setString(4, definition);
          ps.setString(5, SegmentStatus.GENERATING.name());
          ps.setTimestamp(6, Timestamp.from(clock.instant()));
          settings(ps, 7, s);
          ps.setLong(15, workspaceId);
          return ps;
        },
        key);
    return key.getKey().longValue();
  }

  /** Replaces name, definition and settings; the segment goes back to GENERATING. */
  public void update(long id, String name, String definition, SegmentSettings s) {
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "UPDATE cairn_segment SET name = ?, definition = ?, status = ?, group_id = ?,"
                      + " refresh = ?, refresh_at = ?, time_zone = ?, scenario = ?,"
                      + " expires_at = ?, time_sensitive = ?, notify_email = ? WHERE id = ?");
          ps.setString(1, name);
          ps.setString(2, definition);
          ps.setString(3, SegmentStatus.GENERATING.name());
          settings(ps, 4, s);
          ps.setLong(12, id);
          return ps;
        });
  }

  private static void settings(PreparedStatement ps, int at, SegmentSettings s)
      throws SQLException {
    ps.setObject(at, s.groupId());
    ps.setString(at + 1, s.refresh().name());
    ps.setString(at + 2, s.refreshAt().toString());
    ps.setString(at + 3, s.timeZone().getId());
    ps.setString(at + 4, s.scenario());
    ps.setTimestamp(at + 5, s.expiresAt() == null ? null : Timestamp.from(s.expiresAt()));
    ps.setBoolean(at + 6, s.timeSensitive());
    ps.setString(at + 7, s.notifyEmail());
  }

  public Optional<Segment> find(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM cairn_segment WHERE id = ?", SegmentStore::row, id)
        .stream()
        .findFirst();
  }

  /** Newest first, filtered. */
  public List<Segment> list(SegmentFilter filter, int page, int size) {
    List<Object> args = new ArrayList<>();
    String where = where(filter, args);
    args.add(size);
    args.add((long) page * size);
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM cairn_segment" + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
        SegmentStore::row,
        args.toArray());
  }

  public long count(SegmentFilter filter) {
    List<Object> args = new ArrayList<>();
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM cairn_segment" + where(filter, args), Long.class, args.toArray());
  }

  private static String where(SegmentFilter f, List<Object> args) {
    List<String> terms = new ArrayList<>();
    if (f.nameContains() != null) {
      terms.add("LOWER(name) LIKE ? ESCAPE '!'");
      args.add("%" + f.nameContains().toLowerCase().replace("!", "!!").replace("%", "!%")
          .replace("_", "!_") + "%");
    }
    if (f.kind() != null) {
      terms.add("kind = ?");
      args.add(f.kind().name());
    }
    if (f.status() != null) {
      terms.add("status = ?");
      args.add(f.status().name());
    }
    if (f.groupId() != null) {
      terms.add("group_id = ?");
      args.add(f.groupId());
    }
    if (f.entityType() != null) {
      terms.add("entity_type = ?");
      args.add(f.entityType());
    }
    if (f.workspaceId() != null) {
      terms.add("workspace_id = ?");
      args.add(f.workspaceId());
    }
    return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
  }

  /** A new snapshot; the segment becomes ACTIVE. */
  public void saveSnapshot(long segmentId, RoaringBitmap members, String report) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update(
        "INSERT INTO cairn_segment_snapshot (segment_id, size, bitmap, created_at) VALUES (?,?,?,?)",
        segmentId,
        members.getLongCardinality(),
        SegmentBitmaps.serialize(members),
        now);
    jdbc.update(
        "UPDATE cairn_segment SET status = ?, size = ?, error = NULL, refreshed_at = ?, report = ?"
            + " WHERE id = ?",
        SegmentStatus.ACTIVE.name(),
        members.getLongCardinality(),
        now,
        report,
        segmentId);
  }

  public void markFailed(long segmentId, String error) {
    jdbc.update(
        "UPDATE cairn_segment SET status = ?, error = ? WHERE id = ?",
        SegmentStatus.FAILED.name(),
        error.length() > 1000 ? error.substring(0, 1000) : error,
        segmentId);
  }

  public void setStatus(long segmentId, SegmentStatus status) {
    jdbc.update("UPDATE cairn_segment SET status = ? WHERE id = ?", status.name(), segmentId);
  }

  public void setExpiresAt(long segmentId, Instant expiresAt) {
    jdbc.update(
        "UPDATE cairn_segment SET expires_at = ? WHERE id = ?", Timestamp.from(expiresAt), segmentId);
  }

  public Optional<RoaringBitmap> latestSnapshot(long segmentId) {
    return jdbc.query(
            "SELECT bitmap FROM cairn_segment_snapshot WHERE segment_id = ? ORDER BY id DESC LIMIT 1",
            (rs, i) -> SegmentBitmaps.deserialize(rs.getBytes(1)),
            segmentId)
        .stream()
        .findFirst();
  }

  /** Size per refresh, newest first. */
  public List<SizeRecord> sizeHistory(long segmentId, int limit) {
    return jdbc.query(
        "SELECT size, created_at FROM cairn_segment_snapshot WHERE segment_id = ?"
            + " ORDER BY id DESC LIMIT ?",
        (rs, i) -> new SizeRecord(rs.getTimestamp(2).toInstant(), rs.getLong(1)),
        segmentId,
        limit);
  }

  /** Ids of the segments whose definitions take {@code id} as an input. */
  public List<Long> referencing(long id) {
    List<Long> found = new ArrayList<>();
    jdbc.query(
        "SELECT id, kind, definition FROM cairn_segment WHERE id <> ? AND kind IN (?,?,?,?)",
        rs -> {
          if (Definitions.references(SegmentKind.valueOf(rs.getString(2)), rs.getString(3))
              .contains(id)) {
            found.add(rs.getLong(1));
          }
        },
        id,
        SegmentKind.RULE.name(),
        SegmentKind.SET.name(),
        SegmentKind.SAMPLE.name(),
        SegmentKind.LOOKALIKE.name());
    return found;
  }

  /** Deletes the segment and its snapshots, keeping an audit row. */
  public void delete(Segment s, String deletedBy) {
    jdbc.update(
        "INSERT INTO cairn_segment_deletion (segment_id, name, kind, definition, deleted_by,"
            + " deleted_at) VALUES (?,?,?,?,?,?)",
        s.id(),
        s.name(),
        s.kind().name(),
        s.definition(),
        deletedBy,
        Timestamp.from(clock.instant()));
    jdbc.update("DELETE FROM cairn_segment_snapshot WHERE segment_id = ?", s.id());
    jdbc.update("DELETE FROM cairn_segment WHERE id = ?", s.id());
  }

  // --- scheduling

  /** Daily segments due for refresh (not expired, not generating). */
  public List<Long> dueForRefresh(Instant now) {
    return jdbc.queryForList(
        "SELECT id FROM cairn_segment WHERE next_refresh_at <= ? AND status IN ('ACTIVE','FAILED')",
        Long.class,
        Timestamp.from(now));
  }

  /** Claims a due refresh by moving its next time on; false when another node claimed it first. */
  public boolean claimRefresh(long id, Instant due, Instant next) {
    return jdbc.update(
            "UPDATE cairn_segment SET next_refresh_at = ? WHERE id = ? AND next_refresh_at <= ?",
            next == null ? null : Timestamp.from(next),
            id,
            Timestamp.from(due))
        == 1;
  }

  public void setNextRefresh(long id, Instant next) {
    jdbc.update(
        "UPDATE cairn_segment SET next_refresh_at = ? WHERE id = ?",
        next == null ? null : Timestamp.from(next),
        id);
  }

  /** Marks segments past their expiry EXPIRED; returns how many. */
  public int expire(Instant now) {
    return jdbc.update(
        "UPDATE cairn_segment SET status = 'EXPIRED', next_refresh_at = NULL"
            + " WHERE expires_at <= ? AND status <> 'EXPIRED' AND status <> 'GENERATING'",
        Timestamp.from(now));
  }

  // --- groups

  public long insertGroup(String name) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "INSERT INTO cairn_segment_group (name, created_at) VALUES (?,?)",
                  Statement.RETURN_GENERATED_KEYS);
          ps.setString(1, name);
          ps.setTimestamp(2, Timestamp.from(clock.instant()));
          return ps;
        },
        key);
    return key.getKey().longValue();
  }

  public List<SegmentGroup> groups() {
    return jdbc.query(
        "SELECT g.id, g.name, g.created_at, (SELECT COUNT(*) FROM cairn_segment s"
            + " WHERE s.group_id = g.id) FROM cairn_segment_group g ORDER BY g.name",
        SegmentStore::group);
  }

  public Optional<SegmentGroup> group(long id) {
    return jdbc.query(
            "SELECT g.id, g.name, g.created_at, (SELECT COUNT(*) FROM cairn_segment s"
                + " WHERE s.group_id = g.id) FROM cairn_segment_group g WHERE g.id = ?",
            SegmentStore::group,
            id)
        .stream()
        .findFirst();
  }

  public boolean groupNameTaken(String name) {
    return jdbc.queryForObject(
            "SELECT COUNT(*) FROM cairn_segment_group WHERE name = ?", Long.class, name)
        > 0;
  }

  public void renameGroup(long id, String name) {
    jdbc.update("UPDATE cairn_segment_group SET name = ? WHERE id = ?", name, id);
  }

  public void deleteGroup(long id) {
    jdbc.update("DELETE FROM cairn_segment_group WHERE id = ?", id);
  }

  private static SegmentGroup group(ResultSet rs, int i) throws SQLException {
    return new SegmentGroup(
        rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getLong(4));
  }

  private static Segment row(ResultSet rs, int i) throws SQLException {
    long size = rs.getLong("size");
    boolean noSize = rs.wasNull();
    long groupId = rs.getLong("group_id");
    boolean noGroup = rs.wasNull();
    Timestamp refreshed = rs.getTimestamp("refreshed_at");
    Timestamp expires = rs.getTimestamp("expires_at");
    SegmentSettings settings =
        new SegmentSettings(
            noGroup ? null : groupId,
            Refresh.valueOf(rs.getString("refresh")),
            LocalTime.parse(rs.getString("refresh_at")),
            ZoneId.of(rs.getString("time_zone")),
            rs.getString("scenario"),
            expires == null ? null : expires.toInstant(),
            rs.getBoolean("time_sensitive"),
            rs.getString("notify_email"));
    return new Segment(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("entity_type"),
        SegmentKind.valueOf(rs.getString("kind")),
        SegmentStatus.valueOf(rs.getString("status")),
        noSize ? null : size,
        rs.getString("definition"),
        rs.getString("error"),
        rs.getTimestamp("created_at").toInstant(),
        refreshed == null ? null : refreshed.toInstant(),
        settings,
        rs.getString("report"));
  }
}
