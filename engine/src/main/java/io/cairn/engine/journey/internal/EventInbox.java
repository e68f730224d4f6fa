package io.cairn.engine.journey.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The keyed event inbox in front of the engine (R5). Events that a behaviour branch of a running
 * event journey waits for are kept per (journey, branch, user) for {@code
 * cairn.journeys.inbox-retention}; a user's instance is moved along the DID flow (its message is
 * correlated) once the inbox holds at least N matching events received since the user entered
 * (the entering event itself excluded). Both orders work: an event filed while the instance waits
 * is delivered after the filing commits; an instance that reaches the branch after its events
 * arrived looks into the inbox after its own commit. Delivery is a message correlation to that one
 * instance, so it happens once (a second attempt finds no subscription); a duplicate event is
 * filed once. A sweep at startup and every minute repeats the deliveries a crash may have cut off.
 */
@Component
class EventInbox {

  private static final Logger log = LoggerFactory.getLogger(EventInbox.class);

  private final JdbcTemplate jdbc;
  private final JourneyRuntime runtime;
  private final EventJourneys journeys;
  private final Clock clock;
  private final Duration retention;
  /**
   * One thread per slice of users: the two ways an instance can be found ready (its event filed,
   * its arrival at the branch) would otherwise correlate the same instance at once and deadlock
   * in the engine's tables.
   */
  private final ExecutorService[] deliveries;
  private final ScheduledExecutorService upkeep =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "cairn-inbox-upkeep"));

  EventInbox(
      JdbcTemplate jdbc,
      JourneyRuntime runtime,
      EventJourneys journeys,
      Clock clock,
      @Value("${cairn.journeys.inbox-retention:2d}") Duration retention,
      @Value("${cairn.journeys.inbox-threads:2}") int threads) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.journeys = journeys;
    this.clock = clock;
    this.retention = retention;
    this.deliveries = new ExecutorService[threads];
    for (int i = 0; i < threads; i++) {
      deliveries[i] = Executors.newSingleThreadExecutor(r -> daemon(r, "cairn-inbox"));
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    upkeep.execute(() -> sweep(retention));
    upkeep.scheduleWithFixedDelay(
        () -> {
          sweep(Duration.ofMinutes(5));
          jdbc.update(
              "DELETE FROM cairn_event_inbox WHERE received_at < ?",
              clock.millis() - retention.toMillis());
        },
        1,
        1,
        TimeUnit.MINUTES);
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    upkeep.shutdownNow();
    for (ExecutorService e : deliveries) {
      e.shutdownNow();
    }
  }

  /**
   * Files a matching event for a branch, in the caller's transaction; once it commits, waiting
   * instances of the user are checked. A duplicate (same event) is ignored.
   */
  void file(EventJourneys.Active journey, EventJourneys.Watch watch, int entityId, long eventId,
      long receivedAt) {
    try {
      jdbc.update(
          "INSERT INTO cairn_event_inbox (journey_id, element_id, event_id, entity_id, received_at)"
              + " VALUES (?,?,?,?,?)",
          journey.journeyId(),
          watch.elementId(),
          eventId,
          entityId,
          receivedAt);
    } catch (DuplicateKeyException filedBefore) {
      return;
    }
    afterCommit(entityId, () -> deliver(journey.journeyId(), watch, entityId));
  }

  /**
   * An instance reached a behaviour branch (called from the engine's transaction): after that
   * commits, the events it may have missed are looked up.
   */
  void reached(String processInstanceId, long journeyId, String elementId, int entityId,
      long enteredAt, long entryEvent, int atLeast, String messageName) {
    afterCommit(
        entityId,
        () ->
            check(processInstanceId, journeyId, elementId, entityId, enteredAt, entryEvent, atLeast,
                messageName));
  }

  private void afterCommit(int entityId, Runnable task) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      submit(entityId, task);
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            if (status == STATUS_COMMITTED) {
              submit(entityId, task);
            }
          }
        });
  }

  private void submit(int entityId, Runnable task) {
    try {
      deliveries[Math.floorMod(entityId, deliveries.length)].execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              log.warn("event inbox delivery failed; the sweep repeats it", e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
      // the startup sweep of the next start repeats it
    }
  }

  /** Checks every instance of the user waiting at the branch. */
  private void deliver(long journeyId, EventJourneys.Watch watch, int entityId) {
    for (String pid : runtime.waitingFor(watch.messageName(), EventVariables.businessKey("user", entityId))) {
      Object entered = runtime.variable(pid, EventVariables.ENTERED_AT);
      Object event = runtime.variable(pid, EventVariables.EVENT);
      if (entered != null) {
        check(pid, journeyId, watch.elementId(), entityId, ((Number) entered).longValue(),
            event == null ? -1 : ((Number) event).longValue(), watch.spec().filter().atLeast(),
            watch.messageName());
      }
    }
  }

  private void check(String processInstanceId, long journeyId, String elementId, int entityId,
      long enteredAt, long entryEvent, int atLeast, String messageName) {
    Integer n =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM cairn_event_inbox WHERE journey_id = ? AND element_id = ?"
                + " AND entity_id = ? AND received_at >= ? AND event_id <> ?",
            Integer.class,
            journeyId,
            elementId,
            entityId,
            enteredAt,
            entryEvent);
    if (n != null && n >= atLeast) {
      runtime.correlate(messageName, processInstanceId);
    }
  }

  /** Repeats the deliveries of events received within {@code back}. */
  void sweep(Duration back) {
    try {
      List<Object[]> keys =
          jdbc.query(
              "SELECT DISTINCT journey_id, element_id, entity_id FROM cairn_event_inbox"
                  + " WHERE received_at >= ?",
              (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getInt(3)},
              clock.millis() - back.toMillis());
      for (Object[] k : keys) {
        journeys
            .get((Long) k[0])
            .flatMap(a -> a.watch((String) k[1]))
            .ifPresent(w -> submit((Integer) k[2], () -> deliver((Long) k[0], w, (Integer) k[2])));
      }
    } catch (RuntimeException e) {
      log.warn("event inbox sweep failed; retrying at the next one", e);
    }
  }
}
