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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  static final String RUN_COLUMNS =
      "id, journey_id, name, status, audience_size, started_at, finished_at, error, period,"
          + " scheduled_at, ids_undecryptable, ids_unmatched";

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
        Workspaces.DEFAULT, name, processKey, mode, definitionId, segmentId, bpmn, null);
  }

  /**
   * @param entrySettings the audience entry's {@link AudienceEntry#spec}, null for none
   */
  long insertJourney(
      long workspaceId,
      String name,
      String processKey,
      JourneyMode mode,
      String definitionId,
      Long segmentId,
      byte[] bpmn,
      String entrySettings) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "INSERT INTO cairn_journey (name, process_key, mode, definition_id,"
                      + " entry_segment_id, status, bpmn, created_at, entry_settings, workspace_id)"
                      + " VALUES (?,?,?,?,?,?,?,?,?,?)",
                  Statement.RETURN_GENERATED_KEYS);
          ps.setString(1, name);
          ps.setString(2, processKey);
          ps.setString(3, mode.name());
          ps.setString(4, definitionId);
          ps.setObject(5, segmentId, java.sql.Types.BIGINT);
          ps.setString(6, JourneyStatus.NOT_STARTED.name());
          ps.setString(7, new String(bpmn, java.nio.charset.StandardCharsets.UTF_8));
          ps.setTimestamp(8, now());
          ps.setString(9, entrySettings);
          ps.setLong(10, workspaceId);
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

  /** The workspace a journey belongs to. */
  long workspaceOf(long journeyId) {
    return jdbc.queryForObject(
        "SELECT workspace_id FROM cairn_journey WHERE id = ?", Long.class, journeyId);
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

  /**
   * Stores a journey that does not validate yet: INCOMPLETE, without a process definition, with
   * its problems (JSON) to show; returns its id.
   */
  long insertDraft(long workspaceId, String name, String processKey, byte[] bpmn, String problems) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "INSERT INTO cairn_journey (name, process_key, mode, status, bpmn, created_at,"
                      + " problems, workspace_id) VALUES (?,?,?,?,?,?,?,?)",
                  Statement.RETURN_GENERATED_KEYS);
          ps.setString(1, name);
          ps.setString(2, processKey);
          ps.setString(3, JourneyMode.AUDIENCE.name());
          ps.setString(4, JourneyStatus.INCOMPLETE.name());
          ps.setString(5, new String(bpmn, java.nio.charset.StandardCharsets.UTF_8));
          ps.setTimestamp(6, now());
          ps.setString(7, problems);
          ps.setLong(8, workspaceId);
          return ps;
        },
        key);
    return key.getKey().longValue();
  }

  /** An edited journey that still does not validate: INCOMPLETE again, with its new problems. */
  void saveDraft(long journeyId, String processKey, byte[] bpmn, String problems) {
    jdbc.update(
        "UPDATE cairn_journey SET status = ?, process_key = ?, bpmn = ?, problems = ?,"
            + " definition_id = NULL WHERE id = ?",
        JourneyStatus.INCOMPLETE.name(),
        processKey,
        new String(bpmn, java.nio.charset.StandardCharsets.UTF_8),
        problems,
        journeyId);
  }

  /** An edited journey that validates and was deployed: NOT_STARTED, on its new definition. */
  void saveValid(
      long journeyId,
      String processKey,
      JourneyMode mode,
      String definitionId,
      Long segmentId,
      byte[] bpmn,
      String entrySettings) {
    jdbc.update(
        "UPDATE cairn_journey SET status = ?, process_key = ?, mode = ?, definition_id = ?,"
            + " entry_segment_id = ?, bpmn = ?, entry_settings = ?, problems = NULL WHERE id = ?",
        JourneyStatus.NOT_STARTED.name(),
        processKey,
        mode.name(),
        definitionId,
        segmentId,
        new String(bpmn, java.nio.charset.StandardCharsets.UTF_8),
        entrySettings,
        journeyId);
  }

  /** The problems an INCOMPLETE journey was saved with; empty for the others. */
  public List<io.cairn.engine.problem.Violation> problems(long journeyId) {
    return Drafts.problems(
        jdbc.queryForObject(
            "SELECT problems FROM cairn_journey WHERE id = ?", String.class, journeyId));
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

  /** A final status: the schedule is disarmed too. */
  void markFinished(long journeyId, JourneyStatus status, String error) {
    jdbc.update(
        "UPDATE cairn_journey SET status = ?, error = ?, finished_at = ?, next_run_at = NULL"
            + " WHERE id = ?",
        status.name(),
        error,
        now(),
        journeyId);
  }

  /**
   * Records a run of a period; the unique key (journey, period) makes a second run of the same
   * period fail with a duplicate key, whoever tries.
   */
  long insertRun(
      long journeyId,
      String name,
      String entityType,
      long audienceSize,
      String status,
      String period,
      Instant scheduledAt,
      String error) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  // a run records the definition (version) it starts on
                  "INSERT INTO cairn_journey_run (journey_id, name, entity_type, status,"
                      + " audience_size, started_at, period, scheduled_at, error, finished_at,"
                      + " definition_id) VALUES (?,?,?,?,?,?,?,?,?,?,"
                      + " (SELECT definition_id FROM cairn_journey WHERE id = ?))",
                  Statement.RETURN_GENERATED_KEYS);
          ps.setLong(1, journeyId);
          ps.setString(2, name);
          ps.setString(3, entityType);
          ps.setString(4, status);
          ps.setLong(5, audienceSize);
          ps.setTimestamp(6, now());
          ps.setString(7, period);
          ps.setTimestamp(8, scheduledAt == null ? null : Timestamp.from(scheduledAt));
          ps.setString(9, error);
          ps.setTimestamp(10, status.equals("RUNNING") ? null : now());
          ps.setLong(11, journeyId);
          return ps;
        },
        key);
    return key.getKey().longValue();
  }

  /** Which of these periods of the journey already have a run (of any status). */
  Set<String> recordedPeriods(long journeyId, Collection<String> periods) {
    if (periods.isEmpty()) {
      return Set.of();
    }
    List<Object> args = new ArrayList<>();
    args.add(journeyId);
    args.addAll(periods);
    return new HashSet<>(
        jdbc.queryForList(
            "SELECT period FROM cairn_journey_run WHERE journey_id = ? AND period IN ("
                + String.join(",", Collections.nCopies(periods.size(), "?"))
                + ")",
            String.class,
            args.toArray()));
  }

  void setEntryCounts(long runId, long undecryptable, long unmatched) {
    jdbc.update(
        "UPDATE cairn_journey_run SET ids_undecryptable = ?, ids_unmatched = ? WHERE id = ?",
        undecryptable,
        unmatched,
        runId);
  }

  /** The journey's audience entry settings (legacy: once, now). */
  AudienceEntry entry(long journeyId) {
    return AudienceEntry.fromSpec(
        jdbc.queryForObject(
            "SELECT entry_settings FROM cairn_journey WHERE id = ?", String.class, journeyId));
  }

  Optional<Instant> nextRunAt(long journeyId) {
    Timestamp t =
        jdbc.queryForObject(
            "SELECT next_run_at FROM cairn_journey WHERE id = ?", Timestamp.class, journeyId);
    return Optional.ofNullable(t).map(Timestamp::toInstant);
  }

  void setStatus(long journeyId, JourneyStatus status) {
    jdbc.update("UPDATE cairn_journey SET status = ? WHERE id = ?", status.name(), journeyId);
  }

  /** Status RUNNING with the next period armed (null: none); clears an earlier error. */
  void arm(long journeyId, Instant nextRunAt) {
    jdbc.update(
        "UPDATE cairn_journey SET status = ?, error = NULL, finished_at = NULL, next_run_at = ?"
            + " WHERE id = ?",
        JourneyStatus.RUNNING.name(),
        nextRunAt == null ? null : Timestamp.from(nextRunAt),
        journeyId);
  }

  /**
   * A run failed: a RUNNING or PAUSED journey becomes FAILED and its schedule is disarmed; a
   * STOPPED one stays stopped.
   */
  void failIfActive(long journeyId, String error) {
    jdbc.update(
        "UPDATE cairn_journey SET status = ?, error = ?, finished_at = ?, next_run_at = NULL"
            + " WHERE id = ? AND status IN ('RUNNING', 'PAUSED')",
        JourneyStatus.FAILED.name(),
        error,
        now(),
        journeyId);
  }

  /** A RUNNING journey whose next period is due. */
  record Due(long journeyId, Instant nextRunAt) {}

  List<Due> dueJourneys(Instant now) {
    return jdbc.query(
        "SELECT id, next_run_at FROM cairn_journey WHERE status = 'RUNNING' AND next_run_at <= ?"
            + " ORDER BY next_run_at, id",
        (rs, i) -> new Due(rs.getLong(1), rs.getTimestamp(2).toInstant()),
        Timestamp.from(now));
  }

  /**
   * Compare-and-set of the next due time: true for exactly one of several concurrent claimers of
   * the same due period (the update waits for the row lock of a competing claim, then sees its
   * value). Holds the journey row's lock until the caller's transaction ends.
   */
  boolean claim(long journeyId, Instant expected, Instant next) {
    return jdbc.update(
            "UPDATE cairn_journey SET next_run_at = ? WHERE id = ? AND status = 'RUNNING'"
                + " AND next_run_at = ?",
            next == null ? null : Timestamp.from(next),
            journeyId,
            Timestamp.from(expected))
        == 1;
  }

  /**
   * A RUNNING journey whose schedule is spent and that has no run left in progress becomes
   * COMPLETED. Locks the journey row first, so a concurrent claim of a new period is either seen
   * (its run is RUNNING) or waits and then finds the journey complete.
   */
  void completeIfDone(long journeyId) {
    Optional<Journey> journey = lock(journeyId);
    if (journey.isEmpty() || journey.get().status() != JourneyStatus.RUNNING) {
      return;
    }
    Integer open =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM cairn_journey_run WHERE journey_id = ? AND status = 'RUNNING'",
            Integer.class,
            journeyId);
    if (open == 0 && nextRunAt(journeyId).isEmpty()) {
      markFinished(journeyId, JourneyStatus.COMPLETED, null);
    }
  }

  /** Runs of one journey still in progress. */
  List<RunningRun> runningRuns(long journeyId) {
    return jdbc.query(
        "SELECT id, journey_id, process_instance_id FROM cairn_journey_run WHERE status ="
            + " 'RUNNING' AND journey_id = ? ORDER BY id",
        (rs, i) -> new RunningRun(rs.getLong(1), rs.getLong(2), rs.getString(3)),
        journeyId);
  }

  public Optional<JourneyRun> run(long journeyId, long runId) {
    return jdbc.query(
            "SELECT " + RUN_COLUMNS + " FROM cairn_journey_run WHERE journey_id = ? AND id = ?",
            JourneyStore::run,
            journeyId,
            runId)
        .stream()
        .findFirst();
  }

  /**
   * {@code period}, or {@code period-2}, {@code period-3} … when a run of the journey already has
   * it: a once journey started again within the same second is a new run, not the same period.
   * Periodic periods never come here; their unique key is what keeps a period from running twice.
   */
  String unusedPeriod(long journeyId, String period) {
    List<String> taken =
        jdbc.queryForList(
            "SELECT period FROM cairn_journey_run WHERE journey_id = ? AND (period = ? OR period"
                + " LIKE ?)",
            String.class,
            journeyId,
            period,
            period + "-%");
    if (!taken.contains(period)) {
      return period;
    }
    int n = 2;
    while (taken.contains(period + "-" + n)) {
      n++;
    }
    return period + "-" + n;
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

  /**
   * Ends a run that is still RUNNING (a no-op otherwise: the monitor may look at a run that stop
   * has just ended, and must not turn it COMPLETED).
   */
  void finishRun(long runId, String status, String error) {
    jdbc.update(
        "UPDATE cairn_journey_run SET status = ?, error = ?, finished_at = ? WHERE id = ?"
            + " AND status = 'RUNNING'",
        status,
        error,
        now(),
        runId);
  }

  public Optional<JourneyRun> latestRun(long journeyId) {
    return jdbc.query(
            "SELECT " + RUN_COLUMNS + " FROM cairn_journey_run WHERE journey_id = ?"
                + " AND status <> 'SKIPPED' ORDER BY id DESC LIMIT 1",
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
    jdbc.query(
        "SELECT element_id, SUM(entered), SUM(left_count) FROM cairn_node_stat_shard"
            + " WHERE run_id = ? GROUP BY element_id",
        rs -> {
          long[] c = out.computeIfAbsent(rs.getString(1), k -> new long[2]);
          c[0] += rs.getLong(2);
          c[1] += rs.getLong(3);
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

  static JourneyRun run(ResultSet rs, int i) throws SQLException {
    return new JourneyRun(
        rs.getLong("id"),
        rs.getLong("journey_id"),
        rs.getString("name"),
        rs.getString("status"),
        rs.getLong("audience_size"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        rs.getString("error"),
        rs.getString("period"),
        instant(rs, "scheduled_at"),
        nullableLong(rs, "ids_undecryptable"),
        nullableLong(rs, "ids_unmatched"));
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
