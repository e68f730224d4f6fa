package io.cairn.engine.journey.internal;

import io.cairn.engine.event.StoredEvent;
import io.cairn.engine.event.StoredEventsListener;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Puts the stored events that a RUNNING event journey enters on or waits for into the entry
 * outbox, in the ingesting transaction, and wakes the {@link EntryWorker} after the commit.
 *
 * <p>Why an outbox and not starting the instances in the ingesting transaction: ingestion commits
 * the batches of many concurrent requests together (ING-1, 20 k events/s), while Camunda starts a
 * few hundred to a thousand instances per second; starting them inside the group commit would make
 * every request wait for the slowest journey and a failing journey would refuse events. The
 * outbox row costs one batched insert in the commit the event needs anyway, is exactly as durable
 * as the event, and the worker starts the instance within milliseconds of the commit (JRN-2's
 * event→dispatch budget is 100 ms at p99).
 */
@Component
class EntryOutbox implements StoredEventsListener {

  private final JdbcTemplate jdbc;
  private final EventJourneys journeys;
  private final EntryWorker worker;

  EntryOutbox(JdbcTemplate jdbc, EventJourneys journeys, EntryWorker worker) {
    this.jdbc = jdbc;
    this.journeys = journeys;
    this.worker = worker;
  }

  @Override
  public void stored(List<StoredEvent> events) {
    List<Object[]> rows = new ArrayList<>();
    for (StoredEvent e : events) {
      for (EventJourneys.Active a : journeys.interestedIn(e.sourceCode(), e.eventCode())) {
        rows.add(
            new Object[] {
              e.id(),
              a.journeyId(),
              worker.shardOf(e.entityId()),
              e.entityId(),
              e.sourceCode(),
              e.eventCode(),
              e.eventTime(),
              e.receivedAt(),
              e.attributes()
            });
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(
        "INSERT INTO cairn_journey_outbox (event_id, journey_id, shard, entity_id, source_code,"
            + " event_code, event_time, received_at, attrs, attempts) VALUES (?,?,?,?,?,?,?,?,?,0)",
        rows);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              if (status == STATUS_COMMITTED) {
                worker.wake();
              }
            }
          });
    } else {
      worker.wake();
    }
  }
}
