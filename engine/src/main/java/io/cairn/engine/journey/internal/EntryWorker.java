package io.cairn.engine.journey.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains the entry outbox ({@link EntryOutbox}): {@code cairn.journeys.entry-threads} threads, each
 * owning the rows of one shard (entity id mod threads, so a user's events are handled in order),
 * woken when ingestion commits and polling every {@code cairn.journeys.entry-poll} for rows of
 * other nodes or from before a crash. A batch of up to {@code cairn.journeys.entry-batch} rows is
 * one transaction: each row is deleted first (its lock is the claim: a second node that took the
 * same row finds it gone and skips it), then its user enters (re-entry limits under the user's
 * entrant lock, the process instance started by its message with the entity as business key) and
 * the event is filed for the journey's behaviour branches. Exactly once, across crashes: the
 * deletion commits with the instance. A batch that fails is retried row by row; a row that fails
 * three times is left in the outbox with its error.
 */
@Component
class EntryWorker {

  private static final Logger log = LoggerFactory.getLogger(EntryWorker.class);
  private static final int ATTEMPTS = 3;

  /** An outbox row. */
  record Row(long eventId, long journeyId, int entityId, String source, String code,
      long receivedAt, String attrs) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final EventJourneys journeys;
  private final Entrants entrants;
  private final EventInbox inbox;
  private final JourneyRuntime runtime;
  private final Clock clock;
  private final int threads;
  private final int batch;
  private final Duration poll;
  private final Semaphore[] wakeups;
  private volatile boolean running = true;

  EntryWorker(
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      EventJourneys journeys,
      Entrants entrants,
      EventInbox inbox,
      JourneyRuntime runtime,
      Clock clock,
      @Value("${cairn.journeys.entry-threads:2}") int threads,
      @Value("${cairn.journeys.entry-batch:100}") int batch,
      @Value("${cairn.journeys.entry-poll:250ms}") Duration poll) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.journeys = journeys;
    this.entrants = entrants;
    this.inbox = inbox;
    this.runtime = runtime;
    this.clock = clock;
    this.threads = threads;
    this.batch = batch;
    this.poll = poll;
    this.wakeups = new Semaphore[threads];
    for (int i = 0; i < threads; i++) {
      wakeups[i] = new Semaphore(0);
    }
  }

  int shardOf(int entityId) {
    return Math.floorMod(entityId, threads);
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    journeys.refresh();
    for (int i = 0; i < threads; i++) {
      int shard = i;
      Thread t = new Thread(() -> loop(shard), "cairn-entry-" + i);
      t.setDaemon(true);
      t.start();
    }
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    running = false;
    for (Semaphore s : wakeups) {
      s.release();
    }
  }

  /** New rows were committed: every thread looks. */
  void wake() {
    for (Semaphore s : wakeups) {
      if (s.availablePermits() == 0) {
        s.release();
      }
    }
  }

  private void loop(int shard) {
    while (running) {
      try {
        wakeups[shard].tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
        wakeups[shard].drainPermits();
        List<Row> rows;
        while (running && !(rows = claim(shard)).isEmpty()) {
          handle(rows);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("entry worker {} failed; retrying at the next poll", shard, e);
      }
    }
  }

  private List<Row> claim(int shard) {
    List<Row> rows =
        jdbc.query(
            "SELECT event_id, journey_id, entity_id, source_code, event_code, received_at, attrs"
                + " FROM cairn_journey_outbox WHERE shard = ? AND attempts < ? ORDER BY event_id"
                + " LIMIT ?",
            (rs, i) ->
                new Row(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                    rs.getString(5), rs.getLong(6), rs.getString(7)),
            shard,
            ATTEMPTS,
            batch);
    // in lock order (journey, user) so batches never deadlock; a user's events stay in order
    rows.sort(Comparator.comparingLong(Row::journeyId).thenComparingInt(Row::entityId)
        .thenComparingLong(Row::eventId));
    return rows;
  }

  void handle(List<Row> rows) {
    try {
      tx.executeWithoutResult(s -> rows.forEach(this::handleOne));
    } catch (RuntimeException batchFailed) {
      for (Row r : rows) {
        try {
          tx.executeWithoutResult(s -> handleOne(r));
        } catch (RuntimeException e) {
          log.error("event {} could not enter journey {}", r.eventId(), r.journeyId(), e);
          jdbc.update(
              "UPDATE cairn_journey_outbox SET attempts = attempts + 1, error = ? WHERE event_id = ?"
                  + " AND journey_id = ?",
              truncate(e.toString()),
              r.eventId(),
              r.journeyId());
        }
      }
    }
  }

  private void handleOne(Row r) {
    if (jdbc.update(
            "DELETE FROM cairn_journey_outbox WHERE event_id = ? AND journey_id = ?",
            r.eventId(),
            r.journeyId())
        == 0) {
      return; // handled by another node meanwhile
    }
    EventJourneys.Active journey = journeys.get(r.journeyId()).orElse(null);
    if (journey == null) {
      journeys.refresh(); // activated on another node since this one last looked?
      journey = journeys.get(r.journeyId()).orElse(null);
      if (journey == null) {
        return; // no longer RUNNING: it takes no entries
      }
    }
    for (EventJourneys.Watch w : journey.watches()) {
      if (w.spec().filter().matches(r.source(), r.code(), r.attrs())) {
        inbox.file(journey, w, r.entityId(), r.eventId(), r.receivedAt());
      }
    }
    if (journey.entry().filter().matches(r.source(), r.code(), r.attrs())) {
      OptionalInt entry =
          entrants.enter(journey.journeyId(), r.entityId(), journey.entry(), clock.millis());
      if (entry.isPresent()) {
        start(journey, r, entry.getAsInt());
      }
    }
  }

  private void start(EventJourneys.Active journey, Row r, int entry) {
    runtime.startEntry(
        journey.definitionId(),
        journey.entryMessage(),
        EventVariables.businessKey(EventEntryCompiler.ENTITY_TYPE, r.entityId()),
        Variables.createVariables()
            .putValue(CohortVariables.JOURNEY, journey.journeyId())
            .putValue(CohortVariables.RUN, journey.runId())
            .putValue(CohortVariables.ENTITY_TYPE, EventEntryCompiler.ENTITY_TYPE)
            .putValue(EventVariables.ENTITY, r.entityId())
            .putValue(EventVariables.ENTRY, entry)
            .putValue(EventVariables.ENTERED_AT, r.receivedAt())
            .putValue(EventVariables.EVENT, r.eventId()));
  }

  private static String truncate(String s) {
    return s.length() <= 512 ? s : s.substring(0, 512);
  }
}
