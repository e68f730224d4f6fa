package io.cairn.engine.journey.internal;

import io.cairn.engine.delivery.ActionResults;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.event.EventSources;
import io.cairn.engine.event.EventType;
import io.cairn.engine.event.EventTypes;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.segment.EventBehaviours;
import io.cairn.engine.segment.SegmentGroups;
import io.cairn.engine.segment.SegmentService;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.workspace.Workspaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Validates a journey and deploys it to the engine, in the caller's transaction. */
@Component
public class JourneyDeployer {

  static final int MAX_NAME = 64;

  private final JourneyStore store;
  private final JourneyRuntime runtime;
  private final JourneyValidator validator;
  private final JourneyCompiler compiler = JourneyCompiler.standard();
  private final WorkspaceReferences references;

  JourneyDeployer(
      JourneyStore store,
      JourneyRuntime runtime,
      SegmentService segments,
      SegmentGroups groups,
      DeliveryLedger ledger,
      EventBehaviours behaviours,
      ActionResults results,
      AudienceIdCipher audienceIds,
      EventTypes eventTypes,
      EventSources eventSources,
      Clock clock,
      WorkspaceReferences references,
      @Value("${cairn.journeys.time-zone:UTC}") String timeZone) {
    this.store = store;
    this.runtime = runtime;
    this.references = references;
    this.validator =
        new JourneyValidator(
            JourneyValidator.Context.of(
                    id -> {
                      try {
                        return Optional.of(segments.get(id).entityType());
                      } catch (NotFoundException e) {
                        return Optional.empty();
                      }
                    },
                    ledger::settingsProblems,
                    clock)
                .withBranches(new BranchChecks(behaviours::problems, resultWaitLimit(results), clock))
                .withLookups(new SegmentLookups(segments, groups))
                .withSchedules(ZoneId.of(timeZone), audienceIds.configured())
                .withEvents(catalog(eventTypes, eventSources)));
  }

  private static EventModeChecks.EventCatalog catalog(EventTypes types, EventSources sources) {
    return new EventModeChecks.EventCatalog() {
      @Override
      public Optional<EventType> type(String code) {
        return types.find(code);
      }

      @Override
      public boolean sourceExists(String code) {
        try {
          sources.get(code);
          return true;
        } catch (NotFoundException e) {
          return false;
        }
      }
    };
  }

  /**
   * A result branch waits at most until results stop coming (the channel's feedback window, SMS
   * 72 h by default) and never past the ledger's retention, which deletes the rows it reads; and,
   * like any wait, at most 30 days.
   */
  private static BranchChecks.ResultWaitLimit resultWaitLimit(ActionResults results) {
    return (channel, settings) -> {
      Duration max = WaitSpec.MAX;
      Optional<Duration> window = results.feedbackWindow(channel, settings);
      if (window.isPresent() && window.get().compareTo(max) < 0) {
        max = window.get();
      }
      return results.retention().compareTo(max) < 0 ? results.retention() : max;
    };
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
    checkName(name);
    Deployed deployed = deployDefinition(workspaceId, name, bpmn, journey -> {});
    JourneyValidator.ValidatedJourney journey = deployed.journey();
    return store.insertJourney(
        workspaceId,
        name.trim(),
        journey.processKey(),
        journey.mode(),
        deployed.definitionId(),
        journey.segmentId(),
        bpmn,
        journey.entry() == null ? null : journey.entry().spec());
  }

  /**
   * Saves a journey whether or not it validates yet: a valid one is deployed (NOT_STARTED), one
   * with problems is kept INCOMPLETE with every problem found, to be edited until it validates.
   * Returns the journey's id.
   *
   * @throws InvalidInputException only for a bad name (a draft needs one too)
   */
  public long saveDraft(long workspaceId, String name, byte[] bpmn) {
    checkName(name);
    try {
      return deploy(workspaceId, name, bpmn);
    } catch (InvalidInputException invalid) {
      return store.insertDraft(
          workspaceId, name.trim(), processKey(bpmn), bpmn, Drafts.json(invalid.violations()));
    }
  }

  /**
   * Replaces the diagram of a journey that has not started (NOT_STARTED or INCOMPLETE): deployed
   * and NOT_STARTED when it validates, INCOMPLETE with its problems otherwise. The caller holds
   * the journey's row lock.
   */
  public void edit(long journeyId, byte[] bpmn) {
    long workspaceId = store.workspaceOf(journeyId);
    String name = store.find(journeyId).orElseThrow().name();
    try {
      Deployed deployed = deployDefinition(workspaceId, name, bpmn, journey -> {});
      JourneyValidator.ValidatedJourney journey = deployed.journey();
      store.saveValid(
          journeyId,
          journey.processKey(),
          journey.mode(),
          deployed.definitionId(),
          journey.segmentId(),
          bpmn,
          journey.entry() == null ? null : journey.entry().spec());
    } catch (InvalidInputException invalid) {
      store.saveDraft(journeyId, processKey(bpmn), bpmn, Drafts.json(invalid.violations()));
    }
  }

  /** The process id of a draft, for display; empty when the file is not readable BPMN. */
  private static String processKey(byte[] bpmn) {
    try {
      org.w3c.dom.Document doc = JourneyValidator.parse(bpmn);
      org.w3c.dom.NodeList processes =
          doc.getElementsByTagNameNS("http://www.omg.org/spec/BPMN/20100524/MODEL", "process");
      return processes.getLength() == 0
          ? ""
          : ((org.w3c.dom.Element) processes.item(0)).getAttribute("id");
    } catch (InvalidInputException unreadable) {
      return "";
    }
  }

  private static void checkName(String name) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      throw new InvalidInputException(
          "invalid-journey", "name", "a journey name has 1 to " + MAX_NAME + " characters");
    }
  }

  /**
   * Validates a journey BPMN of a workspace and deploys it as a new process definition, without a
   * journey row: the one path of a first deploy and of a new version ({@link VersionPublisher}).
   * Segments, webhooks and templates of other workspaces are reported like missing ones, together
   * with every other problem.
   */
  Deployed deployDefinition(
      long workspaceId,
      String name,
      byte[] bpmn,
      Consumer<JourneyValidator.ValidatedJourney> accept) {
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
    accept.accept(journey); // throws when the caller refuses it, before anything is deployed
    return new Deployed(journey, runtime.deploy(name, journey.processKey(), compiler.compile(bpmn)));
  }

  /** A validated journey and the process definition it was deployed as. */
  record Deployed(JourneyValidator.ValidatedJourney journey, String definitionId) {}
}
