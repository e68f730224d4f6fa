package io.cairn.engine.journey.internal;

import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.problem.NotFoundException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** SQL of the run-slot queue: running counts and the PENDING journeys of a workspace. */
@Component
class AdmissionRows {

  private final JdbcTemplate jdbc;

  AdmissionRows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  long workspaceOf(long journeyId) {
    return jdbc
        .queryForList(
            "SELECT workspace_id FROM cairn_journey WHERE id = ? AND " + JourneyStore.LIVE,
            Long.class,
            journeyId)
        .stream()
        .findFirst()
        .orElseThrow(() -> new NotFoundException("journey", journeyId));
  }

  /** The workspace of a journey, deleted or not. */
  Optional<Long> anyWorkspaceOf(long journeyId) {
    return jdbc
        .queryForList("SELECT workspace_id FROM cairn_journey WHERE id = ?", Long.class, journeyId)
        .stream()
        .findFirst();
  }

  long running(long workspaceId) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM cairn_journey WHERE workspace_id = ? AND status = ?",
        Long.class,
        workspaceId,
        JourneyStatus.RUNNING.name());
  }

  /** The PENDING journey whose start was requested first. */
  Optional<Long> head(long workspaceId) {
    return jdbc
        .queryForList(
            "SELECT id FROM cairn_journey WHERE workspace_id = ? AND status = ? AND "
                + JourneyStore.LIVE
                + " ORDER BY queue_seq, id LIMIT 1",
            Long.class,
            workspaceId,
            JourneyStatus.PENDING.name())
        .stream()
        .findFirst();
  }

  /**
   * Puts a journey at the end of its workspace's queue. The caller holds the workspace's lock, so
   * the next position is read and taken without a race.
   */
  void enqueue(long workspaceId, long journeyId) {
    long next =
        jdbc.queryForObject(
            "SELECT COALESCE(MAX(queue_seq), 0) + 1 FROM cairn_journey WHERE workspace_id = ?",
            Long.class,
            workspaceId);
    jdbc.update(
        "UPDATE cairn_journey SET status = ?, queue_seq = ?, error = NULL WHERE id = ?",
        JourneyStatus.PENDING.name(),
        next,
        journeyId);
  }

  List<Long> workspacesWithPending() {
    return jdbc.queryForList(
        "SELECT DISTINCT workspace_id FROM cairn_journey WHERE status = ? AND "
            + JourneyStore.LIVE,
        Long.class,
        JourneyStatus.PENDING.name());
  }
}
