package io.cairn.engine.journey.internal;

import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneyMode;
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

  private static final Set<JourneyStatus> STARTABLE =
      Set.of(JourneyStatus.NOT_STARTED, JourneyStatus.COMPLETED, JourneyStatus.FAILED);
  private static final DateTimeFormatter PERIOD =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private final JourneyStore store;
  private final CohortStore cohorts;
  private final JourneyRuntime runtime;
  private final SegmentService segments;
  private final Clock clock;
  private final EventActivation events;

  JourneyLauncher(
      JourneyStore store,
      CohortStore cohorts,
      JourneyRuntime runtime,
      SegmentService segments,
      Clock clock,
      EventActivation events) {
    this.events = events;
    this.store = store;
    this.cohorts = cohorts;
    this.runtime = runtime;
    this.segments = segments;
    this.clock = clock;
  }

  /** Starts a run now; returns the run id. The journey row must be locked by the caller. */
  public long start(Journey journey) {
    if (!STARTABLE.contains(journey.status())) {
      throw new ConflictException(
          "journey-not-startable",
          "journey " + journey.id() + " is " + journey.status() + " and cannot start");
    }
    if (journey.mode() == JourneyMode.EVENT) {
      return events.activate(journey);
    }
    String entityType = segments.get(journey.segmentId()).entityType();
    RoaringBitmap audience = segments.members(journey.segmentId());
    return launch(journey, entityType, audience);
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
