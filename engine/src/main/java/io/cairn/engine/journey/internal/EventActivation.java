package io.cairn.engine.journey.internal;

import io.cairn.engine.journey.Journey;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Starts an event journey: a run record for this activation (node and ledger statistics are per
 * run, until the journey stops) and status RUNNING, in the caller's transaction; once that
 * commits, this node takes entries at once (other nodes within {@code
 * cairn.journeys.event-refresh}).
 */
@Component
class EventActivation {

  private static final DateTimeFormatter PERIOD =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private final JourneyStore store;
  private final EventJourneys journeys;
  private final Clock clock;

  EventActivation(JourneyStore store, EventJourneys journeys, Clock clock) {
    this.store = store;
    this.journeys = journeys;
    this.clock = clock;
  }

  /** Returns the run id. The journey row must be locked by the caller. */
  long activate(Journey journey) {
    String period = store.unusedPeriod(journey.id(), PERIOD.format(clock.instant()));
    long runId =
        store.insertRun(
            journey.id(),
            journey.name() + "_" + period,
            EventEntryCompiler.ENTITY_TYPE,
            0,
            "RUNNING",
            period,
            clock.instant(),
            null);
    store.markStarted(journey.id());
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              journeys.refresh();
            }
          });
    }
    return runId;
  }
}
