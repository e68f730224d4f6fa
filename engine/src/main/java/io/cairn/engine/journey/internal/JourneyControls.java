package io.cairn.engine.journey.internal;

import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneyMode;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.problem.ConflictException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Pause, resume and stop (JOURNEYS.md, Lifecycle). Each is called in a transaction with the journey
 * row locked by the caller, so it serialises with the scheduler's claim of a period (which updates
 * that row): a period is either launched before the operation or not at all.
 *
 * <ul>
 *   <li>pause (RUNNING audience journeys): the current run finishes; no period starts while
 *       paused (those due meanwhile are not made up).
 *   <li>resume (PAUSED): periodic journeys continue with the first period due at or after now; a
 *       once journey whose run had not started yet runs at its time (at once if that has passed).
 *   <li>stop (RUNNING, PAUSED, PENDING): irreversible. No period starts again; the process
 *       instances of runs in progress are cancelled (their waits go with them) and the runs
 *       recorded STOPPED; ledger rows already written are still dispatched.
 * </ul>
 */
@Component
public class JourneyControls {

  static final String STOPPED_REASON = "the journey was stopped";
  private static final Set<JourneyStatus> STOPPABLE =
      Set.of(JourneyStatus.RUNNING, JourneyStatus.PAUSED, JourneyStatus.PENDING);

  private final JourneyStore store;
  private final JourneyRuntime runtime;
  private final Clock clock;

  JourneyControls(JourneyStore store, JourneyRuntime runtime, Clock clock) {
    this.store = store;
    this.runtime = runtime;
    this.clock = clock;
  }

  /** @throws ConflictException unless the journey is a RUNNING audience journey */
  public void pause(Journey journey) {
    if (journey.mode() != JourneyMode.AUDIENCE) {
      throw new ConflictException(
          "journey-not-pausable",
          "journey " + journey.id() + " is an event journey: stop it instead of pausing it");
    }
    require(journey, Set.of(JourneyStatus.RUNNING), "pause");
    // next_run_at stays: the scheduler claims RUNNING journeys only, and resume needs to know
    // whether a once journey's run is still ahead.
    store.setStatus(journey.id(), JourneyStatus.PAUSED);
  }

  /** @throws ConflictException unless the journey is PAUSED */
  public void resume(Journey journey) {
    require(journey, Set.of(JourneyStatus.PAUSED), "resume");
    AudienceEntry entry = store.entry(journey.id());
    Optional<java.time.Instant> next =
        entry.schedule().periodic()
            ? entry.schedule().firstAtOrAfter(clock.instant())
            : store.nextRunAt(journey.id());
    store.arm(journey.id(), next.orElse(null));
    store.completeIfDone(journey.id()); // nothing ahead and nothing running: done
  }

  /** @throws ConflictException unless the journey is RUNNING, PAUSED or PENDING */
  public void stop(Journey journey) {
    require(journey, STOPPABLE, "stop");
    for (JourneyStore.RunningRun run : store.runningRuns(journey.id())) {
      // A run whose instance has ended is only waiting for outcomes: the monitor finishes it.
      if (run.processInstanceId() != null && runtime.isActive(run.processInstanceId())) {
        runtime.cancel(run.processInstanceId(), STOPPED_REASON);
        store.finishRun(run.runId(), "STOPPED", STOPPED_REASON);
      }
    }
    store.markFinished(journey.id(), JourneyStatus.STOPPED, null);
  }

  private static void require(Journey journey, Set<JourneyStatus> allowed, String operation) {
    if (!allowed.contains(journey.status())) {
      throw new ConflictException(
          "journey-not-" + operation + "able",
          "journey " + journey.id() + " is " + journey.status() + " and cannot " + operation);
    }
  }
}
