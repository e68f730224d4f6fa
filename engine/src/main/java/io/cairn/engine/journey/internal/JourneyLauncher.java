package io.cairn.engine.journey.internal;

import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.segment.SegmentService;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.stereotype.Component;

/**
 * Starts a run of an audience journey: the segment's current members become the run's first
 * cohort, and one process instance carries it through the diagram. Called inside a transaction:
 * the run row, the cohorts, the engine's state and every ledger row commit together or not at all.
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
  private static final DateTimeFormatter PERIOD =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private final JourneyStore store;
  private final CohortStore cohorts;
  private final JourneyRuntime runtime;
  private final SegmentService segments;
  private final Clock clock;

  JourneyLauncher(
      JourneyStore store,
      CohortStore cohorts,
      JourneyRuntime runtime,
      SegmentService segments,
      Clock clock) {
    this.store = store;
    this.cohorts = cohorts;
    this.runtime = runtime;
    this.segments = segments;
    this.clock = clock;
  }

  /** Starts a run now; returns the run id. The journey row must be locked by the caller. */
  public long start(Journey journey) {
    checkStartable(journey);
    String entityType = segments.get(journey.segmentId()).entityType();
    RoaringBitmap audience = segments.members(journey.segmentId());
    return launch(journey, entityType, audience);
  }

  /**
   * Refuses a journey whose status does not allow a start (asked before one is queued).
   *
   * @throws ConflictException when it cannot start
   */
  public void checkStartable(Journey journey) {
    if (!STARTABLE.contains(journey.status())) {
      throw new ConflictException(
          "journey-not-startable",
          "journey " + journey.id() + " is " + journey.status() + " and cannot start");
    }
  }

  long launch(Journey journey, String entityType, RoaringBitmap audience) {
    String runName = journey.name() + "_" + PERIOD.format(clock.instant());
    long runId =
        store.insertRun(journey.id(), runName, entityType, audience.getLongCardinality());
    long cohortId = cohorts.save(runId, audience);
    String pid =
        runtime.startRun(store.definitionId(journey.id()), journey.id(), runId, entityType, cohortId);
    store.setRunProcessInstance(runId, pid);
    store.markStarted(journey.id());
    return runId;
  }
}
