package io.cairn.engine.journey.internal;

import io.cairn.engine.journey.Journey;
import io.cairn.engine.journey.JourneyStatus;
import io.cairn.engine.journey.MigrationPolicy;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.problem.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Publishes a new version of a journey: validated and deployed exactly like a first deploy
 * ({@link JourneyDeployer#deployDefinition}), numbered after the last one, and made current, so
 * that the next run or entry uses it. Users in flight are not touched here: under {@code STAY}
 * they finish where they are, under {@code MIGRATE} they move when the version is applied
 * ({@link MigrationPlanner}). Runs in the caller's transaction.
 */
@Component
public class VersionPublisher {

  private final JourneyStore store;
  private final JourneyDeployer deployer;
  private final VersionStore versions;

  VersionPublisher(JourneyStore store, JourneyDeployer deployer, VersionStore versions) {
    this.store = store;
    this.deployer = deployer;
    this.versions = versions;
  }

  /**
   * @return the new version's number
   * @throws InvalidInputException when the BPMN is not a valid journey, or changes the process id
   *     or the entry mode of the journey
   * @throws ConflictException when the journey was stopped (for good)
   */
  public int publish(long journeyId, byte[] bpmn, MigrationPolicy policy) {
    if (policy == null) {
      throw new InvalidInputException(
          "invalid-version", "policy", "choose what happens to users in flight: STAY or MIGRATE");
    }
    Journey journey = lockPublishable(journeyId);
    int next = nextVersion(journeyId);
    JourneyDeployer.Deployed deployed =
        deployer.deployDefinition(
            store.workspaceOf(journeyId),
            journey.name() + " v" + next,
            bpmn,
            candidate -> checkSameJourney(journey, candidate));
    return record(
        journey,
        next,
        new String(bpmn, StandardCharsets.UTF_8),
        deployed.definitionId(),
        deployed.journey().segmentId(),
        policy);
  }

  /**
   * Records a version whose definition was deployed by other means (tests deploy components the
   * validator does not know yet straight to the engine).
   */
  int publishDeployed(
      long journeyId, String bpmn, String definitionId, Long segmentId, MigrationPolicy policy) {
    Journey journey = lockPublishable(journeyId);
    return record(journey, nextVersion(journeyId), bpmn, definitionId, segmentId, policy);
  }

  private Journey lockPublishable(long journeyId) {
    Journey journey =
        store.lock(journeyId).orElseThrow(() -> new NotFoundException("journey", journeyId));
    if (journey.status() == JourneyStatus.STOPPED) {
      throw new ConflictException(
          "journey-stopped", "journey " + journeyId + " was stopped and takes no new version");
    }
    return journey;
  }

  private int nextVersion(long journeyId) {
    List<VersionStore.StoredVersion> existing = versions.versions(journeyId);
    return existing.isEmpty() ? 1 : existing.get(existing.size() - 1).version() + 1;
  }

  private int record(
      Journey journey,
      int version,
      String bpmn,
      String definitionId,
      Long segmentId,
      MigrationPolicy policy) {
    versions.insertVersion(journey.id(), version, definitionId, bpmn, policy);
    versions.makeCurrent(journey.id(), definitionId, bpmn, segmentId);
    return version;
  }

  /**
   * A version continues the same journey: same process id (Camunda's versions and Cairn's runs
   * follow it) and same entry mode (a run of one mode cannot continue in the other).
   */
  private static void checkSameJourney(
      Journey journey, JourneyValidator.ValidatedJourney candidate) {
    List<Violation> problems = new ArrayList<>();
    if (!candidate.processKey().equals(journey.processKey())) {
      problems.add(
          new Violation(
              candidate.processKey(),
              "a new version keeps the journey's process id \"" + journey.processKey() + "\""));
    }
    if (candidate.mode() != journey.mode()) {
      problems.add(
          new Violation(
              candidate.processKey(),
              "a new version keeps the journey's entry ("
                  + journey.mode()
                  + "), it cannot become "
                  + candidate.mode()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(
          "invalid-version", "The version does not continue this journey", problems);
    }
  }
}
