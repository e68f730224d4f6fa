package io.cairn.engine.journey.internal;

import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deleting a journey. The journey row stays, marked deleted: it is gone from lists and lookups
 * (404), but its runs, per-node statistics, cohorts and delivery-ledger rows are kept, because
 * they are facts about messages already sent (campaign reports, frequency caps, audits). Its
 * Camunda deployment is removed as soon as no process instance of it remains: at once when none
 * does, else by the run monitor's sweep ({@link #removeIdleDeployments}) once the last one ended.
 */
@Component
public class JourneyDeletion {

  private static final Logger log = LoggerFactory.getLogger(JourneyDeletion.class);

  /** The statuses in which a journey holds or waits for a run slot (JOURNEYS.md, Lifecycle). */
  private static final Set<JourneyStatus> UNDELETABLE =
      Set.of(JourneyStatus.PENDING, JourneyStatus.RUNNING);

  private final JourneyStore store;
  private final JourneyRuntime runtime;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;

  JourneyDeletion(
      JourneyStore store,
      JourneyRuntime runtime,
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      Clock clock) {
    this.store = store;
    this.runtime = runtime;
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Deletes a journey, in the caller's transaction.
   *
   * @throws NotFoundException when there is no such journey (or it is deleted already)
   * @throws ConflictException while it is PENDING or RUNNING
   */
  public void delete(long journeyId) {
    Journey journey =
        store.lock(journeyId).orElseThrow(() -> new NotFoundException("journey", journeyId));
    if (UNDELETABLE.contains(journey.status())) {
      throw new ConflictException(
          "journey-active",
          "journey " + journeyId + " is " + journey.status() + ": stop it before deleting it");
    }
    jdbc.update(
        "UPDATE cairn_journey SET deleted_at = ? WHERE id = ?",
        Timestamp.from(clock.instant()),
        journeyId);
    removeDeploymentIfIdle(journeyId, store.definitionId(journeyId));
  }

  /** The sweep: removes the deployments of deleted journeys whose last process instance ended. */
  public void removeIdleDeployments() {
    List<Object[]> waiting =
        jdbc.query(
            "SELECT id, definition_id FROM cairn_journey WHERE deleted_at IS NOT NULL"
                + " AND deployment_removed = FALSE",
            (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)});
    for (Object[] w : waiting) {
      try {
        tx.executeWithoutResult(s -> removeDeploymentIfIdle((Long) w[0], (String) w[1]));
      } catch (RuntimeException e) {
        log.warn("removing the deployment of deleted journey {} failed; retrying later", w[0], e);
      }
    }
  }

  private void removeDeploymentIfIdle(long journeyId, String definitionId) {
    if (!runtime.hasInstances(definitionId)) {
      runtime.undeploy(definitionId);
      jdbc.update("UPDATE cairn_journey SET deployment_removed = TRUE WHERE id = ?", journeyId);
    }
  }
}
