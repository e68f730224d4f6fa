package io.cairn.engine.journey;

import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.journey.internal.JourneyAdmission;
import io.cairn.engine.journey.internal.JourneyControls;
import io.cairn.engine.journey.internal.JourneyCopies;
import io.cairn.engine.journey.internal.JourneyDeletion;
import io.cairn.engine.journey.internal.JourneyDeployer;
import io.cairn.engine.journey.internal.JourneyLauncher;
import io.cairn.engine.journey.internal.JourneyRuntime;
import io.cairn.engine.journey.internal.JourneyStore;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.workspace.Workspaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Journeys: deploy a BPMN journey, start it, and see what happened. Thread-safe.
 *
 * <p>{@link #deploy} throws {@link io.cairn.engine.problem.InvalidInputException} listing every
 * offending element when the file is not a valid journey; nothing is stored then. {@link #start}
 * throws {@link io.cairn.engine.problem.ConflictException} when the journey is running or its
 * segment is not active.
 *
 * <p>Journeys belong to a workspace (given to {@link #deploy(long, String, byte[])} and {@link
 * #list(long, int, int)}; a copy stays in its original's). Id-based methods do not look at the
 * workspace: the caller checks it first ({@link Workspaces#require}). At most {@code
 * cairn.journeys.max-running} journeys of a workspace run at once; {@link #start} beyond that
 * makes the journey PENDING until a slot frees.
 */
@Service
public class JourneyService {

  private final JourneyStore store;
  private final JourneyDeployer deployer;
  private final JourneyLauncher launcher;
  private final JourneyControls controls;
  private final JourneyAdmission admission;
  private final JourneyCopies copies;
  private final JourneyDeletion deletion;
  private final JourneyRuntime runtime;
  private final DeliveryLedger ledger;
  private final TransactionTemplate tx;

  JourneyService(
      JourneyStore store,
      JourneyDeployer deployer,
      JourneyLauncher launcher,
      JourneyControls controls,
      JourneyAdmission admission,
      JourneyCopies copies,
      JourneyDeletion deletion,
      JourneyRuntime runtime,
      DeliveryLedger ledger,
      TransactionTemplate tx) {
    this.store = store;
    this.deployer = deployer;
    this.launcher = launcher;
    this.controls = controls;
    this.admission = admission;
    this.copies = copies;
    this.deletion = deletion;
    this.runtime = runtime;
    this.ledger = ledger;
    this.tx = tx;
  }

  /** Validates and deploys a journey into the default workspace; it is NOT_STARTED. */
  public Journey deploy(String name, byte[] bpmn) {
    return deploy(Workspaces.DEFAULT, name, bpmn);
  }

  /**
   * Validates and deploys a journey into a workspace, whose segments, webhooks and templates are
   * the only ones it may use; it is NOT_STARTED.
   */
  public Journey deploy(long workspaceId, String name, byte[] bpmn) {
    long id = tx.execute(s -> deployer.deploy(workspaceId, name, bpmn));
    return get(id);
  }

  /**
   * Saves a journey into a workspace whether or not it validates yet: NOT_STARTED (deployed) when
   * it does, INCOMPLETE with every problem found ({@link #problems}) when it does not. An
   * INCOMPLETE journey cannot start; edit it ({@link #edit}) until it validates.
   *
   * @throws InvalidInputException only for a bad name
   */
  public Journey saveDraft(long workspaceId, String name, byte[] bpmn) {
    long id = tx.execute(s -> deployer.saveDraft(workspaceId, name, bpmn));
    return get(id);
  }

  /**
   * Replaces the diagram of a journey that has not started (NOT_STARTED or INCOMPLETE); it becomes
   * NOT_STARTED or INCOMPLETE by whether the new diagram validates.
   *
   * @throws ConflictException once the journey has started: publish a version instead
   */
  public Journey edit(long id, byte[] bpmn) {
    tx.executeWithoutResult(
        s -> {
          Journey journey = lock(id);
          if (journey.status() != JourneyStatus.NOT_STARTED
              && journey.status() != JourneyStatus.INCOMPLETE) {
            throw new ConflictException(
                "journey-started",
                "journey " + id + " is " + journey.status() + ": a started journey is changed by"
                    + " publishing a version (POST /api/journeys/" + id + "/versions)");
          }
          deployer.edit(id, bpmn);
        });
    return get(id);
  }

  /** What keeps an INCOMPLETE journey from validating, by element id; empty for the others. */
  public List<Violation> problems(long id) {
    get(id);
    return store.problems(id);
  }

  /**
   * Starts the journey when the workspace has a free run slot. A once-now entry runs now: the
   * entry segment's current members enter, branch and are written to the delivery ledger before
   * this returns; delivery continues in the background. A once-at-a-time or periodic entry is
   * armed: status RUNNING, and each period runs when it is due. Without a free slot the journey
   * becomes PENDING and starts when one frees, in the order of the start requests.
   *
   * @throws ConflictException when it is PENDING already or its status does not allow a start
   */
  public Journey start(long id) {
    try {
      tx.executeWithoutResult(s -> admission.request(id));
    } catch (InvalidInputException | NotFoundException | ConflictException refused) {
      throw refused;
    } catch (RuntimeException failed) {
      // The run rolled back entirely (no run, no cohort, no ledger rows); say so on the journey.
      String reason = "the run could not start: " + failed.getClass().getSimpleName();
      tx.executeWithoutResult(s -> store.markFailed(id, reason));
      throw new ConflictException("journey-failed", "journey " + id + " failed: " + reason);
    }
    return get(id);
  }

  /**
   * Pauses a RUNNING audience journey: its current run finishes, no period starts until it is
   * resumed (periods due meanwhile are not made up).
   *
   * @throws ConflictException when the journey is not a RUNNING audience journey
   */
  public Journey pause(long id) {
    tx.executeWithoutResult(s -> controls.pause(lock(id)));
    admission.journeyLeftRunning(id); // its slot goes to the first PENDING journey
    return get(id);
  }

  /**
   * Resumes a PAUSED journey: a periodic one with the first period due at or after now, a once
   * journey whose run had not started yet at its time.
   *
   * @throws ConflictException when the journey is not PAUSED
   */
  public Journey resume(long id) {
    tx.executeWithoutResult(s -> controls.resume(lock(id)));
    return get(id);
  }

  /**
   * Stops a RUNNING, PAUSED or PENDING journey for good: no new run, the runs in progress are
   * cancelled (messages already in the ledger are still sent).
   *
   * @throws ConflictException when the journey is in another status
   */
  public Journey stop(long id) {
    tx.executeWithoutResult(s -> controls.stop(lock(id)));
    admission.journeyLeftRunning(id);
    return get(id);
  }

  private Journey lock(long id) {
    return store.lock(id).orElseThrow(() -> new NotFoundException("journey", id));
  }

  public Journey get(long id) {
    return store.find(id).orElseThrow(() -> new NotFoundException("journey", id));
  }

  /** Every workspace's, newest first. */
  public List<Journey> list(int page, int size) {
    return store.list(page, size);
  }

  public long count() {
    return store.count();
  }

  /** The audience entry's schedule and the next period due. */
  public JourneySchedule schedule(long id) {
    get(id);
    return launcher.schedule(id);
  }

  /** A workspace's journeys, newest first. */
  public List<Journey> list(long workspaceId, int page, int size) {
    return store.list(workspaceId, page, size);
  }

  public long count(long workspaceId) {
    return store.count(workspaceId);
  }

  /**
   * A new NOT_STARTED journey with the same diagram in the same workspace, named "{@code <name>
   * (copy)}" (at most 64 characters).
   *
   * @throws InvalidInputException when the diagram no longer validates (e.g. its segment is gone)
   */
  public Journey copy(long id) {
    return get(tx.execute(s -> copies.copy(id)));
  }

  /**
   * Deletes a journey that is neither PENDING nor RUNNING: it disappears from lists and lookups;
   * its runs, statistics and ledger rows are kept.
   *
   * @throws ConflictException while it is PENDING or RUNNING
   */
  public void delete(long id) {
    tx.executeWithoutResult(s -> deletion.delete(id));
  }

  public List<JourneyRun> runs(long id) {
    get(id);
    return store.runs(id);
  }

  /** Per-node and per-action figures of the latest run. */
  public JourneyStats stats(long id) {
    get(id);
    return stats(id, store.latestRun(id).orElse(null));
  }

  /**
   * Per-node and per-action figures of one run (execution record) of the journey.
   *
   * @throws NotFoundException when the journey has no such run
   */
  public JourneyStats stats(long id, long runId) {
    get(id);
    return stats(
        id,
        store.run(id, runId).orElseThrow(() -> new NotFoundException("journey run", runId)));
  }

  private JourneyStats stats(long id, JourneyRun run) {
    Journey journey = get(id);
    List<NodeStats> nodes = new ArrayList<>();
    Map<String, long[]> counts = run == null ? Map.of() : store.nodeCounts(run.id());
    runtime
        .nodeNames(store.definitionId(journey.id()))
        .forEach(
            (element, name) -> {
              long[] c = counts.getOrDefault(element, new long[2]);
              nodes.add(new NodeStats(element, name, c[0], c[1]));
            });
    return new JourneyStats(id, run, nodes, run == null ? List.of() : ledger.stats(run.id()));
  }
}
