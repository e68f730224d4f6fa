package io.cairn.engine.journey.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** SQL of Cairn's copy of engine incidents (cairn_journey_incident). */
@Component
public class IncidentStore {

  private static final String COLUMNS =
      "id, journey_id, run_id, process_instance_id, camunda_incident_id, job_id, element_id,"
          + " element_name, cause, created_at, resolved_at, resolution, outcome";

  /** One engine incident as Cairn keeps it. */
  public record StoredIncident(
      long id,
      long journeyId,
      Long runId,
      String processInstanceId,
      String camundaIncidentId,
      String jobId,
      String elementId,
      String elementName,
      String cause,
      Instant createdAt,
      Instant resolvedAt,
      String resolution,
      String outcome) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;

  IncidentStore(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void insert(
      long journeyId,
      Long runId,
      String processInstanceId,
      String camundaIncidentId,
      String jobId,
      String elementId,
      String elementName,
      String cause,
      Instant createdAt) {
    jdbc.update(
        "INSERT INTO cairn_journey_incident (journey_id, run_id, process_instance_id,"
            + " camunda_incident_id, job_id, element_id, element_name, cause, created_at)"
            + " VALUES (?,?,?,?,?,?,?,?,?)",
        journeyId,
        runId,
        processInstanceId,
        camundaIncidentId,
        jobId,
        elementId,
        truncate(elementName, 255),
        truncate(cause, 1024),
        Timestamp.from(createdAt));
  }

  /** Closes the copy of a Camunda incident that was resolved or deleted. */
  void close(String camundaIncidentId, String resolution) {
    jdbc.update(
        "UPDATE cairn_journey_incident SET resolved_at = ?, resolution = ?"
            + " WHERE camunda_incident_id = ? AND resolved_at IS NULL",
        Timestamp.from(clock.instant()),
        resolution,
        camundaIncidentId);
  }

  /** Newest first. */
  public List<StoredIncident> ofJourney(long journeyId) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM cairn_journey_incident WHERE journey_id = ? ORDER BY id DESC",
        IncidentStore::incident,
        journeyId);
  }

  public Optional<StoredIncident> find(long id) {
    return jdbc.query(
            "SELECT " + COLUMNS + " FROM cairn_journey_incident WHERE id = ?",
            IncidentStore::incident,
            id)
        .stream()
        .findFirst();
  }

  /** Retried incidents whose job has not been seen succeeding or failing again yet. */
  List<StoredIncident> awaitingOutcome() {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM cairn_journey_incident"
            + " WHERE resolution = 'RETRIED' AND outcome IS NULL ORDER BY id",
        IncidentStore::incident);
  }

  /** The run an action execution belonged to. */
  public Long runOfAction(long actionId) {
    return jdbc.queryForList(
            "SELECT run_id FROM cairn_action_execution WHERE id = ?", Long.class, actionId)
        .stream()
        .findFirst()
        .orElse(null);
  }

  void setOutcome(long id, String outcome) {
    jdbc.update("UPDATE cairn_journey_incident SET outcome = ? WHERE id = ?", outcome, id);
  }

  long openOfRun(long runId) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM cairn_journey_incident WHERE run_id = ? AND resolved_at IS NULL",
        Long.class,
        runId);
  }

  long openOfJourney(long journeyId) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM cairn_journey_incident WHERE journey_id = ? AND resolved_at IS NULL",
        Long.class,
        journeyId);
  }

  /**
   * A run FAILED by a node failure runs again once its retried step succeeded and nothing else is
   * open; so does its journey. Returns whether the run was reopened.
   */
  boolean reopenRun(long runId) {
    return jdbc.update(
            "UPDATE cairn_journey_run SET status = 'RUNNING', error = NULL, finished_at = NULL"
                + " WHERE id = ? AND status = 'FAILED'",
            runId)
        > 0;
  }

  boolean reopenJourney(long journeyId) {
    return jdbc.update(
            "UPDATE cairn_journey SET status = 'RUNNING', error = NULL, finished_at = NULL"
                + " WHERE id = ? AND status = 'FAILED'",
            journeyId)
        > 0;
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }

  private static StoredIncident incident(ResultSet rs, int i) throws SQLException {
    long run = rs.getLong("run_id");
    Long runId = rs.wasNull() ? null : run;
    Timestamp resolved = rs.getTimestamp("resolved_at");
    return new StoredIncident(
        rs.getLong("id"),
        rs.getLong("journey_id"),
        runId,
        rs.getString("process_instance_id"),
        rs.getString("camunda_incident_id"),
        rs.getString("job_id"),
        rs.getString("element_id"),
        rs.getString("element_name"),
        rs.getString("cause"),
        rs.getTimestamp("created_at").toInstant(),
        resolved == null ? null : resolved.toInstant(),
        rs.getString("resolution"),
        rs.getString("outcome"));
  }
}
