package io.cairn.engine.journey.internal;

import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.segment.SegmentService;
import io.cairn.engine.workspace.Workspaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Validates a journey and deploys it to the engine, in the caller's transaction. */
@Component
public class JourneyDeployer {

  static final int MAX_NAME = 64;

  private final JourneyStore store;
  private final JourneyRuntime runtime;
  private final JourneyValidator validator;
  private final WorkspaceReferences references;

  JourneyDeployer(
      JourneyStore store,
      JourneyRuntime runtime,
      SegmentService segments,
      DeliveryLedger ledger,
      WorkspaceReferences references) {
    this.store = store;
    this.runtime = runtime;
    this.references = references;
    this.validator =
        new JourneyValidator(
            id -> {
              try {
                return Optional.of(segments.get(id).entityType());
              } catch (NotFoundException e) {
                return Optional.empty();
              }
            },
            ledger::settingsProblems);
  }

  /** Deploys into the default workspace; returns the new journey's id. */
  public long deploy(String name, byte[] bpmn) {
    return deploy(Workspaces.DEFAULT, name, bpmn);
  }

  /**
   * Deploys into a workspace, whose segments, webhooks and templates are the only ones the journey
   * may use; returns the new journey's id.
   */
  public long deploy(long workspaceId, String name, byte[] bpmn) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      throw new InvalidInputException(
          "invalid-journey", "name", "a journey name has 1 to " + MAX_NAME + " characters");
    }
    List<Violation> foreign = references.foreign(workspaceId, bpmn);
    JourneyValidator.ValidatedJourney journey;
    try {
      journey = validator.validate(bpmn);
    } catch (InvalidInputException invalid) {
      if (foreign.isEmpty()) {
        throw invalid;
      }
      List<Violation> all = new ArrayList<>(invalid.violations());
      all.addAll(foreign);
      throw new InvalidInputException(invalid.type(), invalid.title(), all);
    }
    if (!foreign.isEmpty()) {
      throw new InvalidInputException(
          "invalid-bpmn", "The journey is not valid and was not saved", foreign);
    }
    String definitionId = runtime.deploy(name, journey.processKey(), bpmn);
    return store.insertJourney(
        workspaceId,
        name.trim(),
        journey.processKey(),
        journey.mode(),
        definitionId,
        journey.segmentId(),
        bpmn);
  }
}
