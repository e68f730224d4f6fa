package io.cairn.engine.journey.internal;

import io.cairn.engine.delivery.DeliveryLedger;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finishes runs: a run is COMPLETED when its process instance has ended and the ledger has an
 * outcome for every recipient of every action, FAILED when the engine raised an incident (and the
 * journey with it). The journey is COMPLETED when its last run is: no period is armed any more
 * (once entries, end time reached) and no other run is in progress.
 */
@Component
class RunMonitor {

  private static final Logger log = LoggerFactory.getLogger(RunMonitor.class);

  private final JourneyStore store;
  private final JourneyRuntime runtime;
  private final DeliveryLedger ledger;
  private final JourneyAdmission admission;
  private final JourneyDeletion deletion;
  private final TransactionTemplate tx;
  private final Duration interval;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "cairn-run-monitor");
            t.setDaemon(true);
            return t;
          });

  RunMonitor(
      JourneyStore store,
      JourneyRuntime runtime,
      DeliveryLedger ledger,
      JourneyAdmission admission,
      JourneyDeletion deletion,
      TransactionTemplate tx,
      @Value("${cairn.journeys.monitor-interval:500ms}") Duration interval) {
    this.store = store;
    this.runtime = runtime;
    this.ledger = ledger;
    this.admission = admission;
    this.deletion = deletion;
    this.tx = tx;
    this.interval = interval;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    timer.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    timer.shutdownNow();
  }

  void check() {
    try {
      for (JourneyStore.RunningRun run : store.runningRuns()) {
        tx.executeWithoutResult(s -> settle(run));
      }
      admission.admitWaiting();
      deletion.removeIdleDeployments();
    } catch (RuntimeException e) {
      log.error("run monitor check failed; retrying at the next interval", e);
    }
  }

  private void settle(JourneyStore.RunningRun run) {
    if (run.processInstanceId() == null) {
      return;
    }
    Optional<String> incident = runtime.incident(run.processInstanceId());
    if (incident.isPresent()) {
      store.finishRun(run.runId(), "FAILED", incident.get());
      store.failIfActive(run.journeyId(), incident.get());
      admission.journeyLeftRunning(run.journeyId());
      return;
    }
    if (!runtime.isActive(run.processInstanceId()) && ledger.isSettled(run.runId())) {
      store.finishRun(run.runId(), "COMPLETED", null);
      // A periodic journey stays RUNNING between runs; it completes after its last run.
      store.completeIfDone(run.journeyId());
      admission.journeyLeftRunning(run.journeyId());
    }
  }
}
