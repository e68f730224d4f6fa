package io.cairn.engine.journey.internal;

import io.cairn.engine.journey.Journey;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.segment.SegmentService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cairn's own scheduler of audience-journey periods (not Camunda timer start events: a cohort run
 * is one process instance, started by Cairn with its cohort). Every {@code
 * cairn.journeys.schedule-interval} it launches the RUNNING journeys whose next period is due.
 *
 * <p>A due journey is claimed by a compare-and-set of its next due time to the following period,
 * in the same transaction as the launch of the run (run row, cohorts, engine state, ledger rows):
 * a crash commits both or neither, so a period is neither lost nor run twice, and of several Cairn
 * nodes exactly one launches it; the unique key (journey, period) on runs backs this up.
 *
 * <p>Periods missed while Cairn was down (R4: timers due during an outage fire exactly once after
 * restart): the most recent missed period runs once, now; earlier ones are recorded as SKIPPED
 * runs with the reason, so the execution records show every period. Running them all would send
 * a daily message several times in a row after a long outage, which no marketer wants.
 *
 * <p>A launch that fails (segment no longer active, engine error) records the period as a FAILED
 * run and the journey as FAILED with the reason; starting it again re-arms it from then on.
 */
@Component
class JourneyScheduler {

  private static final Logger log = LoggerFactory.getLogger(JourneyScheduler.class);

  private final JourneyStore store;
  private final JourneyLauncher launcher;
  private final SegmentService segments;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Duration interval;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "cairn-journey-schedule");
            t.setDaemon(true);
            return t;
          });

  JourneyScheduler(
      JourneyStore store,
      JourneyLauncher launcher,
      SegmentService segments,
      TransactionTemplate tx,
      Clock clock,
      @Value("${cairn.journeys.schedule-interval:10s}") Duration interval) {
    this.store = store;
    this.launcher = launcher;
    this.segments = segments;
    this.tx = tx;
    this.clock = clock;
    this.interval = interval;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    timer.scheduleWithFixedDelay(
        this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    timer.shutdownNow();
  }

  private void tick() {
    try {
      runDue();
    } catch (RuntimeException e) {
      log.error("journey schedule failed; retrying at the next interval", e);
    }
  }

  /** Launches every period due now; returns how many runs this call launched. */
  int runDue() {
    Instant now = clock.instant();
    int launched = 0;
    for (JourneyStore.Due due : store.dueJourneys(now)) {
      if (claimAndLaunch(due, now)) {
        launched++;
      }
    }
    return launched;
  }

  /** True when this call claimed the due period and launched a run for it. */
  boolean claimAndLaunch(JourneyStore.Due due, Instant now) {
    try {
      return Boolean.TRUE.equals(tx.execute(s -> launchDue(due, now)));
    } catch (DuplicateKeyException ranElsewhere) {
      return false; // another claimer recorded the period first: nothing of ours committed
    } catch (TransientDataAccessException | DataAccessResourceFailureException transientFault) {
      // lock timeouts, a lost connection: nothing committed, the next tick tries again
      log.warn("journey {}: claiming the period due at {} failed; retrying", due.journeyId(),
          due.nextRunAt(), transientFault);
      return false;
    } catch (RuntimeException failed) {
      log.error("journey {}: the period due at {} could not start", due.journeyId(), due.nextRunAt(), failed);
      tx.executeWithoutResult(s -> recordFailure(due, now, failed));
      return false;
    }
  }

  /** The due periods up to now, oldest first, and the one after them (empty: the end is reached). */
  private record Periods(List<Instant> due, Optional<Instant> next) {}

  private static Periods periods(EntrySchedule schedule, Instant firstDue, Instant now) {
    List<Instant> due = new ArrayList<>(List.of(firstDue));
    Optional<Instant> next = schedule.nextAfter(firstDue);
    while (next.isPresent() && !next.get().isAfter(now)) {
      due.add(next.get());
      next = schedule.nextAfter(next.get());
    }
    return new Periods(due, next);
  }

  private boolean launchDue(JourneyStore.Due due, Instant now) {
    long id = due.journeyId();
    Journey journey = store.find(id).orElse(null);
    if (journey == null) {
      return false;
    }
    AudienceEntry entry = store.entry(id);
    Periods periods = periods(entry.schedule(), due.nextRunAt(), now);
    if (!store.claim(id, due.nextRunAt(), periods.next().orElse(null))) {
      return false; // paused, stopped, or claimed by someone else meanwhile
    }
    List<String> names = periods.due().stream().map(entry.schedule()::period).toList();
    // A period with a run already (launched before a crash that lost nothing) never runs again.
    Set<String> recorded = store.recordedPeriods(id, names);
    int latest = names.size() - 1;
    while (latest >= 0 && recorded.contains(names.get(latest))) {
      latest--;
    }
    String entityType = entityType(journey);
    for (int i = 0; i < latest; i++) {
      if (!recorded.contains(names.get(i))) {
        store.insertRun(
            id,
            journey.name() + "_" + names.get(i),
            entityType,
            0,
            "SKIPPED",
            names.get(i),
            periods.due().get(i),
            "missed while Cairn was not running; only the latest missed period ("
                + names.get(latest)
                + ") ran");
      }
    }
    if (latest < 0) {
      store.completeIfDone(id);
      return false;
    }
    launcher.launchPeriod(journey, entry, periods.due().get(latest));
    return true;
  }

  private void recordFailure(JourneyStore.Due due, Instant now, RuntimeException failed) {
    long id = due.journeyId();
    Journey journey = store.find(id).orElse(null);
    if (journey == null || !store.claim(id, due.nextRunAt(), null)) {
      return; // someone else dealt with this period meanwhile
    }
    AudienceEntry entry = store.entry(id);
    List<Instant> dueNow = periods(entry.schedule(), due.nextRunAt(), now).due();
    Instant at = dueNow.get(dueNow.size() - 1);
    String period = entry.schedule().period(at);
    String reason =
        "period " + period + " could not start: "
            + (failed instanceof ConflictException || failed instanceof NotFoundException
                ? failed.getMessage()
                : failed.getClass().getSimpleName());
    if (store.recordedPeriods(id, List.of(period)).isEmpty()) {
      store.insertRun(
          id, journey.name() + "_" + period, entityType(journey), 0, "FAILED", period, at, reason);
    }
    store.markFailed(id, reason);
  }

  /** For runs that never started: the segment's entity type, if the segment still exists. */
  private String entityType(Journey journey) {
    try {
      return segments.get(journey.segmentId()).entityType();
    } catch (NotFoundException gone) {
      return "-";
    }
  }
}
