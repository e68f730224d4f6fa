package io.cairn.engine.journey;

import io.cairn.engine.journey.internal.JourneyStore;
import io.cairn.engine.journey.internal.MigrationPlanner;
import io.cairn.engine.journey.internal.VersionPublisher;
import io.cairn.engine.journey.internal.VersionStore;
import io.cairn.engine.problem.NotFoundException;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Versions of a started journey. Editing a journey that has started means publishing a new version
 * with a policy for the users already in it: {@link MigrationPolicy#STAY} (they finish on their
 * version) or {@link MigrationPolicy#MIGRATE} (those whose current nodes are unchanged move when
 * the version is applied). New runs and entries use the new version as soon as it is published.
 * Thread-safe; every operation is one transaction.
 *
 * <p>Errors: {@link io.cairn.engine.problem.InvalidInputException} for a BPMN that is not a valid
 * journey (every offending element listed) or changes the process id or entry mode; {@link
 * NotFoundException} for an unknown journey or version; {@link
 * io.cairn.engine.problem.ConflictException} for a stopped journey, a version that is not the
 * current one, applying a STAY version, or users that moved while a migration ran.
 */
@Service
public class JourneyVersions {

  private final JourneyStore store;
  private final VersionStore versions;
  private final VersionPublisher publisher;
  private final MigrationPlanner planner;
  private final TransactionTemplate tx;

  JourneyVersions(
      JourneyStore store,
      VersionStore versions,
      VersionPublisher publisher,
      MigrationPlanner planner,
      TransactionTemplate tx) {
    this.store = store;
    this.versions = versions;
    this.publisher = publisher;
    this.planner = planner;
    this.tx = tx;
  }

  /** Validates, deploys and makes current a new version; returns it. */
  public JourneyVersion publish(long journeyId, byte[] bpmn, MigrationPolicy policy) {
    int version = tx.execute(s -> publisher.publish(journeyId, bpmn, policy));
    return list(journeyId).stream().filter(v -> v.version() == version).findFirst().orElseThrow();
  }

  /** The journey's versions, oldest first. */
  public List<JourneyVersion> list(long journeyId) {
    return tx.execute(
        s -> {
          requireJourney(journeyId);
          List<VersionStore.StoredVersion> all = versions.versions(journeyId);
          int current = all.get(all.size() - 1).version();
          return all.stream()
              .map(
                  v -> {
                    var applied = versions.applied(journeyId, v.version());
                    return new JourneyVersion(
                        journeyId,
                        v.version(),
                        v.policy(),
                        v.publishedAt(),
                        v.version() == current,
                        applied.movedUsers(),
                        applied.lastAppliedAt());
                  })
              .toList();
        });
  }

  /** Where the users in flight would go if {@code version} were applied now; changes nothing. */
  public MigrationReport preview(long journeyId, int version) {
    return tx.execute(
        s -> {
          requireJourney(journeyId);
          return planner.preview(journeyId, version);
        });
  }

  /** Moves the users in flight that can move to {@code version}, and records what moved. */
  public MigrationReport apply(long journeyId, int version) {
    return tx.execute(
        s -> {
          store.lock(journeyId).orElseThrow(() -> new NotFoundException("journey", journeyId));
          return planner.apply(journeyId, version);
        });
  }

  private void requireJourney(long journeyId) {
    store.find(journeyId).orElseThrow(() -> new NotFoundException("journey", journeyId));
  }
}
