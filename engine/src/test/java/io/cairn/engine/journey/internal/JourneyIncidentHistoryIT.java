package io.cairn.engine.journey.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.engine.journey.JourneyHistory;
import io.cairn.engine.journey.JourneyIncident;
import io.cairn.engine.journey.JourneyMode;
import io.cairn.engine.journey.JourneyService;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.journey.RunPage;
import io.cairn.engine.journey.RunStats;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.testing.EngineTestApplication;
import io.cairn.engine.testing.TestClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A node fails until an operator retries it: the run and the journey are FAILED with the incident
 * shown, a retry resets the job, and only when the retried step has run do they return to
 * RUNNING; the run then completes. Afterwards Camunda's history cleanup removes the engine's
 * history of the run (time-to-live 1 day, clock moved 2 days on) while runs, statistics, the path
 * and incidents are still answered the same from Cairn's tables.
 */
@SpringBootTest(
    classes = {
      EngineTestApplication.class,
      TestClock.Config.class,
      JourneyIncidentHistoryIT.FlakyStep.class
    },
    properties = {
      "camunda.bpm.job-execution.enabled=false",
      "cairn.journeys.monitor-interval=100ms",
      "cairn.journeys.history-time-to-live=1d"
    })
class JourneyIncidentHistoryIT {

  static final AtomicBoolean failing = new AtomicBoolean(true);

  /** The step that fails while {@link #failing} says so. */
  @TestConfiguration
  static class FlakyStep {
    @Bean("flakyStep")
    JavaDelegate flakyStep() {
      return execution -> {
        if (failing.get()) {
          throw new IllegalStateException("the CRM refused the call");
        }
      };
    }
  }

  @Autowired TestClock clock;
  @Autowired JourneyStore store;
  @Autowired JourneyLauncher launcher;
  @Autowired JourneyService journeys;
  @Autowired JourneyHistory history;
  @Autowired EngineIncidents engineIncidents;
  @Autowired RepositoryService repository;
  @Autowired ManagementService management;
  @Autowired HistoryService camundaHistory;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate tx;

  @AfterAll
  static void resetClock() {
    TestClock.reset();
  }

  @Test
  void shouldReturnToRunningWhenARetriedStepSucceedsAndKeepHistoryAfterCamundaCleanup()
      throws Exception {
    byte[] bpmn = getClass().getResourceAsStream("/journeys/flaky-step.bpmn").readAllBytes();
    String definitionId =
        repository
            .createDeployment()
            .addInputStream("flaky.bpmn", new ByteArrayInputStream(bpmn))
            .deployWithResult()
            .getDeployedProcessDefinitions()
            .get(0)
            .getId();
    assertThat(repository.getProcessDefinition(definitionId).getHistoryTimeToLive())
        .as("Cairn's time-to-live, not the file's 30 days")
        .isEqualTo(1);
    long journeyId =
        store.insertJourney("flaky", "flaky", JourneyMode.AUDIENCE, definitionId, 1L, bpmn);
    long runId =
        tx.execute(
            s ->
                launcher.launch(
                    store.lock(journeyId).orElseThrow(), "user", RoaringBitmap.bitmapOfRange(0, 100)));
    String processInstanceId =
        jdbc.queryForObject(
            "SELECT process_instance_id FROM cairn_journey_run WHERE id = ?", String.class, runId);

    // The step after the first wait fails three times: its job runs out of retries.
    clock.advance(Duration.ofHours(1));
    Instant failedAt = clock.instant();
    Job job = management.createJobQuery().processInstanceId(processInstanceId).singleResult();
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> management.executeJob(job.getId()))
          .hasMessageContaining("the CRM refused the call");
    }
    awaitRun(journeyId, runId, "FAILED");
    assertThat(journeys.get(journeyId).status()).isEqualTo(JourneyStatus.FAILED);
    JourneyIncident incident = history.incidents(journeyId).get(0);
    assertThat(incident.kind()).isEqualTo("ENGINE");
    assertThat(incident.elementId()).as("the failing node, not the timer").isEqualTo("risky");
    assertThat(incident.name()).isEqualTo("Risky step");
    assertThat(incident.cause()).contains("the CRM refused the call");
    assertThat(incident.createdAt()).isEqualTo(failedAt);
    assertThat(incident.runId()).isEqualTo(runId);
    assertThat(incident.open()).isTrue();

    // Retried: the incident closes, but the run stays FAILED until the step has actually run.
    failing.set(false);
    JourneyIncident retried = history.retry(journeyId, incident.id());
    assertThat(retried.open()).isFalse();
    assertThat(retried.resolution()).isEqualTo("RETRIED");
    assertThatThrownBy(() -> history.retry(journeyId, incident.id()))
        .isInstanceOf(ConflictException.class);
    engineIncidents.followUp();
    assertThat(run(journeyId, runId)).isEqualTo("FAILED");
    management.executeJob(job.getId());
    engineIncidents.followUp();
    assertThat(run(journeyId, runId)).isEqualTo("RUNNING");
    assertThat(journeys.get(journeyId).status()).isEqualTo(JourneyStatus.RUNNING);
    assertThat(journeys.get(journeyId).error()).isNull();
    assertThat(history.incidents(journeyId).get(0).outcome()).isEqualTo("SUCCEEDED");

    // A delivery incident of the same run is listed and replayed through the same operation.
    long deliveryIncident = deliveryIncident(journeyId, runId);
    JourneyIncident delivery =
        history.incidents(journeyId).stream()
            .filter(i -> i.id().equals("delivery-" + deliveryIncident))
            .findFirst()
            .orElseThrow();
    assertThat(delivery.kind()).isEqualTo("DELIVERY");
    assertThat(delivery.runId()).isEqualTo(runId);
    assertThat(delivery.name()).isEqualTo("Risky step");
    assertThat(delivery.recipients()).isEqualTo(7);
    assertThat(history.retry(journeyId, delivery.id()).resolution()).isEqualTo("REPLAYED");

    clock.advance(Duration.ofHours(1));
    management.executeJob(
        management.createJobQuery().processInstanceId(processInstanceId).singleResult().getId());
    awaitRun(journeyId, runId, "COMPLETED");

    RunPage runs = history.runs(journeyId, 0, 20);
    RunStats stats = history.stats(journeyId, runId);
    List<JourneyIncident> incidents = history.incidents(journeyId);
    assertThat(stats.path().elements()).containsExactly("entry", "wait1", "risky", "wait2", "end");
    assertThat(stats.path().flows()).containsExactly("f_entry", "f_risky", "f_wait2", "f_end");
    assertThat(stats.branches()).allSatisfy(b -> assertThat(b.users()).isEqualTo(100));
    assertThat(incidents).hasSize(2);
    assertThat(camundaHistory.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count())
        .isEqualTo(1);
    assertThat(camundaHistory.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).count())
        .isPositive();

    // Camunda's history cleanup, two days after the run ended (time-to-live: one day).
    clock.advance(Duration.ofDays(2));
    Job cleanup = camundaHistory.cleanUpHistoryAsync(true);
    management.executeJob(cleanup.getId());
    assertThat(camundaHistory.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count())
        .as("Camunda's history of the run is gone")
        .isZero();
    assertThat(camundaHistory.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).count())
        .isZero();

    assertThat(history.runs(journeyId, 0, 20)).isEqualTo(runs);
    assertThat(history.stats(journeyId, runId)).isEqualTo(stats);
    assertThat(history.stats(journeyId, null)).isEqualTo(stats);
    assertThat(history.incidents(journeyId)).isEqualTo(incidents);
  }

  /** Seven recipients of an action of the run whose retries ran out (as the dispatcher records). */
  private long deliveryIncident(long journeyId, long runId) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update(
        "INSERT INTO cairn_action_execution (journey_id, run_id, element_id, activity_instance_id,"
            + " channel, connector_id, entity_type, settings, recipients, status, created_at)"
            + " VALUES (?, ?, 'risky', 'risky:1', 'SMS', 'sandbox', 'user', '{}', 7, 'DONE', ?)",
        journeyId,
        runId,
        now);
    long actionId =
        jdbc.queryForObject(
            "SELECT id FROM cairn_action_execution WHERE activity_instance_id = 'risky:1'", Long.class);
    jdbc.update(
        "INSERT INTO cairn_delivery_incident (action_id, recipients, reason, created_at)"
            + " VALUES (?, 7, 'provider kept answering 503', ?)",
        actionId,
        now);
    return jdbc.queryForObject(
        "SELECT id FROM cairn_delivery_incident WHERE action_id = ?", Long.class, actionId);
  }

  private String run(long journeyId, long runId) {
    return history.runs(journeyId, 0, 20).items().stream()
        .filter(r -> r.run().id() == runId)
        .findFirst()
        .orElseThrow()
        .run()
        .status();
  }

  private void awaitRun(long journeyId, long runId, String status) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!run(journeyId, runId).equals(status)) {
      assertThat(Instant.now()).as("run reached " + status).isBefore(deadline);
      Thread.sleep(50);
    }
  }
}
