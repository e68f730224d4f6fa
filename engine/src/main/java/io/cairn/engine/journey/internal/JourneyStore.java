package io.cairn.engine.journey.internal;

import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneyMode;
import io.cairn.engine.journey.JourneyRun;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.workspace.Workspaces;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** SQL of journeys, their runs and node statistics. */
@Component
public class JourneyStore {

  private static final String JOURNEY_COLUMNS =
      "id, name, process_key, mode, entry_segment_id, status, error, created_at, started_at, finished_at";
  /** Deleted journeys are kept (runs and statistics refer to them) but gone from every lookup. */
  static final String LIVE = "deleted_at IS NULL";
  private static final String RUN_COLUMNS =
      "id, journey_id, name, status, audience_size, started_at, finished_at, error";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  JourneyStore(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  long insertJourney(
      String name,
      String processKey,
      JourneyMode mode,
      String definitionId,
      Long segmentId,
      byte[] bpmn) {
    return insertJourney(
        Workspaces.DEFAULT, name, processKey, mode, definitionId, segmentId, bpmn);
  }

  long insertJourney(
      long workspaceId,
      String name,
      String processKey,
      JourneyMode mode,
      String definitionId,
      Long segmentId,
      byte[] bpmn) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "INSERT INTO cairn_journey (name, process_key, mode, definition_id,"
                      + " entry_segment_id, status, bpmn, created_at, workspace_id)"
                      + " VALUES (?,?,?,?,?,?,?,?,?)",
                  Statement.RETURN_GENERATED_KEYS);
          ps.setString(1, name);
          ps.setString(2, processKey);
          ps.setString(3, mode.name());
          ps.setString(4, definitionId);
          ps.setObject(5, segmentId, java.sql.Types.BIGINT);
          ps.setString(6, JourneyStatus.NOT_STARTED.name());
          ps.setString(7, new String(bpmn, java.nio.charset.StandardCharsets.UTF_8));
          ps.setTimestamp(8, now());
          ps.setLong(9, workspaceId);
          return ps;
        },
        key);
    return key.getKey().longValue();
  }

  public Optional<Journey> find(long id) {
    return jdbc.query(
            "SELECT " + JOURNEY_COLUMNS + " FROM cairn_journey WHERE id = ? AND " + LIVE,
            JourneyStore::journey,
            id)
        .stream()
        .findFirst();
  }

  /** Locks the journey row for a status change (start, completion); a deleted one is absent. */
  public Optional<Journey> lock(long id) {
    return jdbc.query(
            "SELECT " + JOURNEY_COLUMNS + " FROM cairn_journey WHERE id = ? AND " + LIVE
                + " FOR UPDATE",
            JourneyStore::journey,
            id)
        .stream()
        .findFirst();
  }

  /** Every workspace's journeys, newest first. */
  public List<Journey> list(int page, int size) {
    return jdbc.query(
        "SELECT " + JOURNEY_COLUMNS + " FROM cairn_journey WHERE " + LIVE
            + " ORDER BY id DESC LIMIT ? OFFSET ?",
        JourneyStore::journey,
        size,
        (long) page * size);
  }

  public long count() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM cairn_journey WHERE " + LIVE, Long.class);
  }

  /** A workspace's journeys, newest first. */
  public List<Journey> list(long workspaceId, int page, int size) {
    return jdbc.query(
        "SELECT " + JOURNEY_COLUMNS + " FROM cairn_journey WHERE workspace_id = ? AND " + LIVE
            + " ORDER BY id DESC LIMIT ? OFFSET ?",
        JourneyStore::journey,
        workspaceId,
        size,
        (long) page * size);
  }

  public long count(long workspaceId) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM cairn_journey WHERE workspace_id = ? AND " + LIVE,
        Long.class,
        workspaceId);
  }

  public String definitionId(long journeyId) {
    return jdbc.queryForObject(
        "SELECT definition_id FROM cairn_journey WHERE id = ?", String.class, journeyId);
  }

  void markStarted(long journeyId) {
    jdbc.update(
        "UPDATE cairn_journey SET status = ?, error = NULL, started_at = ?, finished_at = NULL"
            + " WHERE id = ?",
        JourneyStatus.RUNNING.name(),
        now(),
        journeyId);
  }

  public void markFailed(long journeyId, String error) {
    markFinished(journeyId, JourneyStatus.FAILED, error);
  }

  void markFinished(long journeyId, JourneyStatus status, String error) {
    jdbc.update(
        "UPDATE cairn_journey SET status = ?, error = ?, finished_at = ? WHERE id = ?",
        status.name(),
        error,
        now(),
        journeyId);
  }

  long insertRun(long journeyId, String name, String entityType, long audienceSize) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "INSERT INTO cairn_journey_run (journey_id, name, entity_type, status,"
                      + " audience_size, started_at) VALUES (?,?,?,?,?,?)",
                  Statement.RETURN_GENERATED_KEYS);
          ps.setLong(1, journeyId);
          ps.setString(2, name);
          ps.setString(3, entityType);
          ps.setString(4, "RUNNING");
          ps.setLong(5, audienceSize);
          ps.setTimestamp(6, now());
          return ps;
        },
        key);
    return key.getKey().longValue();
  }

  void setRunProcessInstance(long runId, String processInstanceId) {
    jdbc.update(
        "UPDATE cairn_journey_run SET process_instance_id = ? WHERE id = ?",
        processInstanceId,
        runId);
  }

  /** A run in progress and its process instance. */
  record RunningRun(long runId, long journeyId, String processInstanceId) {}

  List<RunningRun> runningRuns() {
    return jdbc.query(
        "SELECT id, journey_id, process_instance_id FROM cairn_journey_run WHERE status ="
            + " 'RUNNING' ORDER BY id",
        (rs, i) -> new RunningRun(rs.getLong(1), rs.getLong(2), rs.getString(3)));
  }

  void finishRun(long runId, String status, String error) {
    jdbc.update(
        "UPDATE cairn_journey_run SET status = ?, error = ?, finished_at = ? WHERE id = ?",
        status,
        error,
        now(),
        runId);
  }

  public Optional<JourneyRun> latestRun(long journeyId) {
    return jdbc.query(
            "SELECT " + RUN_COLUMNS + " FROM cairn_journey_run WHERE journey_id = ?"
                + " ORDER BY id DESC LIMIT 1",
            JourneyStore::run,
            journeyId)
        .stream()
        .findFirst();
  }

  public List<JourneyRun> runs(long journeyId) {
    return jdbc.query(
        "SELECT " + RUN_COLUMNS + " FROM cairn_journey_run WHERE journey_id = ? ORDER BY id",
        JourneyStore::run,
        journeyId);
  }

  /** entered/left per element id of a run. */
  public Map<String, long[]> nodeCounts(long runId) {
    Map<String, long[]> out = new LinkedHashMap<>();
    jdbc.query(
        "SELECT element_id, entered, left_count FROM cairn_node_stat WHERE run_id = ?",
        rs -> {
          out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
        },
        runId);
    return out;
  }

  public String bpmn(long journeyId) {
    return jdbc.queryForObject("SELECT bpmn FROM cairn_journey WHERE id = ?", String.class, journeyId);
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static Journey journey(ResultSet rs, int i) throws SQLException {
    long seg = rs.getLong("entry_segment_id");
    Long segmentId = rs.wasNull() ? null : seg;
    return new Journey(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("process_key"),
        JourneyMode.valueOf(rs.getString("mode")),
        segmentId,
        JourneyStatus.valueOf(rs.getString("status")),
        rs.getString("error"),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"));
  }

  private static JourneyRun run(ResultSet rs, int i) throws SQLException {
    return new JourneyRun(
        rs.getLong("id"),
        rs.getLong("journey_id"),
        rs.getString("name"),
        rs.getString("status"),
        rs.getLong("audience_size"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        rs.getString("error"));
  }
}
