package io.cairn.engine.journey.internal;

import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.NotFoundException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retries engine incidents and follows up on the retries: a retried step that then runs (its job
 * is gone) puts its run, and the journey, back to RUNNING when nothing else is open; a step that
 * fails again has raised a new incident and the run stays FAILED. The follow-up runs on its own
 * timer, at the run monitor's interval, so that {@code RunMonitor} (which marks runs FAILED) needs
 * no knowledge of retries.
 */
@Component
public class EngineIncidents {

  private static final Logger log = LoggerFactory.getLogger(EngineIncidents.class);

  private final IncidentStore incidents;
  private final ManagementService management;
  private final TransactionTemplate tx;
  private final Duration interval;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "cairn-incident-follow-up");
            t.setDaemon(true);
            return t;
          });

  EngineIncidents(
      IncidentStore incidents,
      ManagementService management,
      TransactionTemplate tx,
      @Value("${cairn.journeys.monitor-interval:500ms}") Duration interval) {
    this.incidents = incidents;
    this.management = management;
    this.tx = tx;
    this.interval = interval;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    timer.scheduleWithFixedDelay(this::followUp, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    timer.shutdownNow();
  }

  /**
   * Gives the failed step of an open incident one more attempt: the engine's job executor runs it
   * again. In the caller's transaction.
   *
   * @throws NotFoundException when the journey has no such incident
   * @throws ConflictException when it is no longer open
   */
  public IncidentStore.StoredIncident retry(long journeyId, long incidentId) {
    IncidentStore.StoredIncident incident =
        incidents
            .find(incidentId)
            .filter(i -> i.journeyId() == journeyId)
            .orElseThrow(() -> new NotFoundException("incident", "engine-" + incidentId));
    Job job =
        incident.resolvedAt() == null && incident.jobId() != null
            ? management.createJobQuery().jobId(incident.jobId()).singleResult()
            : null;
    if (job == null) {
      throw new ConflictException(
          "incident-closed", "incident engine-" + incidentId + " is no longer open");
    }
    // Resetting the retries resolves the incident (IncidentRecorder closes Cairn's copy).
    management.setJobRetries(job.getId(), 1);
    return incidents.find(incidentId).orElseThrow();
  }

  /** One follow-up pass over retried incidents (normally on the timer; tests call it). */
  void followUp() {
    try {
      for (IncidentStore.StoredIncident retried : incidents.awaitingOutcome()) {
        tx.executeWithoutResult(s -> followUp(retried));
      }
    } catch (RuntimeException e) {
      log.error("incident follow-up failed; retrying at the next interval", e);
    }
  }

  private void followUp(IncidentStore.StoredIncident retried) {
    Job job = management.createJobQuery().jobId(retried.jobId()).singleResult();
    if (job != null && job.getRetries() > 0) {
      return; // not run yet
    }
    if (job != null) {
      incidents.setOutcome(retried.id(), "FAILED_AGAIN"); // its new incident keeps the run FAILED
      return;
    }
    incidents.setOutcome(retried.id(), "SUCCEEDED");
    if (retried.runId() != null && incidents.openOfRun(retried.runId()) == 0) {
      incidents.reopenRun(retried.runId());
    }
    if (incidents.openOfJourney(retried.journeyId()) == 0) {
      incidents.reopenJourney(retried.journeyId());
    }
  }
}
