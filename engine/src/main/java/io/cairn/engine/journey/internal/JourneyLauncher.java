package io.cairn.engine.journey.internal;

import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneySchedule;
import io.cairn.engine.journey.JourneyMode;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.segment.SegmentService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.stereotype.Component;

/**
 * Activates audience journeys and launches their runs: the segment's current members become the
 * run's first cohort, and one process instance carries it through the diagram. Called inside a
 * transaction: the run row, the cohorts, the engine's state and every ledger row commit together
 * or not at all (with the scheduler's claim of the period, when it launches one).
 */
@Component
public class JourneyLauncher {

  // PENDING: admitted from the run-slot queue (JourneyAdmission)
  private static final Set<JourneyStatus> STARTABLE =
      Set.of(
          JourneyStatus.NOT_STARTED,
          JourneyStatus.PENDING,
          JourneyStatus.COMPLETED,
          JourneyStatus.FAILED);

  private final JourneyStore store;
  private final CohortStore cohorts;
  private final JourneyRuntime runtime;
  private final SegmentService segments;
  private final EncryptedAudience encrypted;
  private final Clock clock;
  private final EventActivation events;

  JourneyLauncher(
      JourneyStore store,
      CohortStore cohorts,
      JourneyRuntime runtime,
      SegmentService segments,
      EncryptedAudience encrypted,
      Clock clock,
      EventActivation events) {
    this.events = events;
    this.store = store;
    this.cohorts = cohorts;
    this.runtime = runtime;
    this.segments = segments;
    this.encrypted = encrypted;
    this.clock = clock;
  }

  /**
   * Activates the journey: a once-now entry launches its run before this returns; a once-at-a-time
   * or periodic entry is armed (status RUNNING, its first period due at or after now) and the
   * scheduler launches each period when it is due; an event journey starts taking entries. The
   * journey row must be locked by the caller.
   *
   * @return the id of the run launched now, if one was
   * @throws ConflictException when the journey is not startable or its end time leaves no period
   */
  public OptionalLong start(Journey journey) {
    checkStartable(journey);
    if (journey.mode() == JourneyMode.EVENT) {
      return OptionalLong.of(events.activate(journey));
    }
    AudienceEntry entry = store.entry(journey.id());
    Instant now = clock.instant();
    Instant first =
        entry
            .schedule()
            .firstAtOrAfter(now)
            .orElseThrow(
                () ->
                    new ConflictException(
                        "journey-schedule-ended",
                        "journey " + journey.id() + " has no period left before its end time"));
    if (!entry.schedule().periodic() && !first.isAfter(now)) {
      return OptionalLong.of(launchPeriod(journey, entry, first));
    }
    store.arm(journey.id(), first);
    return OptionalLong.empty();
  }

  /**
   * Refuses a journey whose status does not allow a start (asked before one is queued).
   *
   * @throws ConflictException when it cannot start
   */
  public void checkStartable(Journey journey) {
    if (journey.status() == JourneyStatus.INCOMPLETE) {
      throw new ConflictException(
          "journey-incomplete",
          "journey " + journey.id() + " is INCOMPLETE: fix the problems listed at"
              + " /api/journeys/" + journey.id() + "/problems, then start it");
    }
    if (!STARTABLE.contains(journey.status())) {
      throw new ConflictException(
          "journey-not-startable",
          "journey " + journey.id() + " is " + journey.status() + " and cannot start");
    }
  }

  /** The journey's schedule as saved, and the next period armed (null when none is). */
  public JourneySchedule schedule(long journeyId) {
    AudienceEntry entry = store.entry(journeyId);
    EntrySchedule s = entry.schedule();
    Instant next =
        store.find(journeyId).map(Journey::status).orElse(null) == JourneyStatus.PAUSED
            ? null
            : store.nextRunAt(journeyId).orElse(null);
    return new JourneySchedule(
        s.frequency(), entry.spec(), s.zone().getId(), s.endAt(), next, entry.idsEncrypted());
  }

  /** Launches the run of the period due at {@code due}; returns the run id. */
  long launchPeriod(Journey journey, AudienceEntry entry, Instant due) {
    String entityType = segments.get(journey.segmentId()).entityType();
    RoaringBitmap members = segments.members(journey.segmentId());
    String period = entry.schedule().period(due);
    if (!entry.schedule().periodic()) {
      period = store.unusedPeriod(journey.id(), period);
    }
    if (!entry.idsEncrypted()) {
      return launch(journey, entityType, members, period, due);
    }
    EncryptedAudience.Decrypted d = encrypted.decrypt(entityType, members);
    long runId = launch(journey, entityType, d.members(), period, due);
    store.setEntryCounts(runId, d.undecryptable(), d.unmatched());
    return runId;
  }

  /** A run of {@code audience} now, as a once entry in UTC would name it (tests, benchmarks). */
  long launch(Journey journey, String entityType, RoaringBitmap audience) {
    Instant now = clock.instant();
    String period =
        store.unusedPeriod(journey.id(), EntrySchedule.onceNow(ZoneOffset.UTC).period(now));
    return launch(journey, entityType, audience, period, now);
  }

  private long launch(
      Journey journey, String entityType, RoaringBitmap audience, String period, Instant due) {
    String runName = journey.name() + "_" + period;
    long runId =
        store.insertRun(
            journey.id(),
            runName,
            entityType,
            audience.getLongCardinality(),
            "RUNNING",
            period,
            due,
            null);
    long cohortId = cohorts.save(runId, audience);
    String pid =
        runtime.startRun(store.definitionId(journey.id()), journey.id(), runId, entityType, cohortId);
    store.setRunProcessInstance(runId, pid);
    store.markStarted(journey.id());
    return runId;
  }
}
