package io.cairn.engine.journey.internal;

import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.workspace.Workspaces;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Run slots: at most {@code cairn.journeys.max-running} (default 10) journeys of a workspace are
 * RUNNING; a start beyond that makes the journey PENDING, and PENDING journeys are admitted in the
 * order their starts were requested when a slot frees. Every decision is taken under the
 * workspace's row lock ({@link Workspaces#lock}), taken before any journey row, so two concurrent
 * starts never exceed the limit. Admission activates a journey through {@link
 * JourneyLauncher#start}, the one place that does.
 *
 * <p><b>The slot-freeing hook</b> is {@link #slotFreed}: whoever moves a journey out of RUNNING
 * (completion, failure, stop, pause) calls it. A periodic sweep ({@link #admitWaiting}, from the
 * run monitor) admits what a missed call or a crash left waiting.
 */
@Component
public class JourneyAdmission {

  private static final Logger log = LoggerFactory.getLogger(JourneyAdmission.class);

  private final AdmissionRows rows;
  private final JourneyStore store;
  private final JourneyLauncher launcher;
  private final Workspaces workspaces;
  private final TransactionTemplate newTx;
  private final int maxRunning;

  JourneyAdmission(
      AdmissionRows rows,
      JourneyStore store,
      JourneyLauncher launcher,
      Workspaces workspaces,
      PlatformTransactionManager transactions,
      @Value("${cairn.journeys.max-running:10}") int maxRunning) {
    this.rows = rows;
    this.store = store;
    this.launcher = launcher;
    this.workspaces = workspaces;
    this.newTx = new TransactionTemplate(transactions);
    this.newTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    if (maxRunning < 1) {
      throw new IllegalStateException("cairn.journeys.max-running must be at least 1");
    }
    this.maxRunning = maxRunning;
  }

  /**
   * A start request, in the caller's transaction: the journey runs now (through {@link
   * JourneyLauncher#start}) when its workspace has a free slot, else it becomes PENDING at the end
   * of the queue.
   *
   * @throws NotFoundException when there is no such journey
   * @throws ConflictException when it is already PENDING or its status does not allow a start
   */
  public void request(long journeyId) {
    long workspaceId = rows.workspaceOf(journeyId);
    workspaces.lock(workspaceId);
    Journey journey =
        store.lock(journeyId).orElseThrow(() -> new NotFoundException("journey", journeyId));
    if (journey.status() == JourneyStatus.PENDING) {
      throw new ConflictException(
          "journey-pending", "journey " + journeyId + " is already waiting for a run slot");
    }
    if (rows.running(workspaceId) < maxRunning) {
      launcher.start(journey);
    } else {
      launcher.checkStartable(journey);
      rows.enqueue(workspaceId, journeyId);
    }
  }

  /**
   * The hook: a journey of the workspace left RUNNING, admit who waits. Inside a transaction it
   * runs once that commits (so the freed slot is visible and the caller's locks are released);
   * admission then happens in transactions of its own, one per admitted journey. Never throws: a
   * failure is logged and the sweep tries again.
   */
  public void slotFreed(long workspaceId) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              admitPending(workspaceId);
            }
          });
    } else {
      admitPending(workspaceId);
    }
  }

  /** {@link #slotFreed} for the workspace of a journey that left RUNNING. */
  public void journeyLeftRunning(long journeyId) {
    rows.anyWorkspaceOf(journeyId).ifPresent(this::slotFreed);
  }

  /** The sweep: admits waiting journeys of every workspace that has a free slot. */
  public void admitWaiting() {
    rows.workspacesWithPending().forEach(this::admitPending);
  }

  private void admitPending(long workspaceId) {
    try {
      while (admitNext(workspaceId)) {
        // one journey per transaction, so that one that cannot start does not hold up the rest
      }
    } catch (RuntimeException e) {
      log.error("admitting the pending journeys of workspace {} failed; the sweep retries", workspaceId, e);
    }
  }

  /** @return whether to look at the queue again */
  private boolean admitNext(long workspaceId) {
    Optional<Long> head = rows.head(workspaceId);
    if (head.isEmpty()) {
      return false;
    }
    long id = head.get();
    try {
      return Boolean.TRUE.equals(
          newTx.execute(
              s -> {
                workspaces.lock(workspaceId);
                if (rows.running(workspaceId) >= maxRunning) {
                  return false;
                }
                Optional<Journey> journey = store.lock(id);
                if (journey.isPresent() && journey.get().status() == JourneyStatus.PENDING) {
                  launcher.start(journey.get());
                }
                return true; // admitted, or someone else moved it meanwhile
              }));
    } catch (RuntimeException failed) {
      // Its run rolled back entirely; the journey fails so that the queue moves on.
      log.warn("pending journey {} could not start", id, failed);
      String reason = "the run could not start: " + reason(failed);
      newTx.executeWithoutResult(s -> store.markFailed(id, reason));
      return true;
    }
  }

  private static String reason(RuntimeException e) {
    return e instanceof ConflictException || e instanceof NotFoundException
        ? e.getMessage()
        : e.getClass().getSimpleName();
  }
}
