package io.cairn.engine.journey.internal;

import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.event.EventSources;
import io.cairn.engine.event.EventType;
import io.cairn.engine.event.EventTypes;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.segment.SegmentService;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Validates a journey and deploys it to the engine, in the caller's transaction. */
@Component
public class JourneyDeployer {

  static final int MAX_NAME = 64;

  private final JourneyStore store;
  private final JourneyRuntime runtime;
  private final JourneyValidator validator;
  private final JourneyCompiler compiler = JourneyCompiler.standard();

  JourneyDeployer(
      JourneyStore store,
      JourneyRuntime runtime,
      SegmentService segments,
      DeliveryLedger ledger,
      Clock clock,
      EventTypes eventTypes,
      EventSources eventSources) {
    this.store = store;
    this.runtime = runtime;
    this.validator =
        new JourneyValidator(
            id -> {
              try {
                return Optional.of(segments.get(id).entityType());
              } catch (NotFoundException e) {
                return Optional.empty();
              }
            },
            ledger::settingsProblems,
            clock,
            new EventModeChecks.EventCatalog() {
              @Override
              public Optional<EventType> type(String code) {
                return eventTypes.find(code);
              }

              @Override
              public boolean sourceExists(String code) {
                try {
                  eventSources.get(code);
                  return true;
                } catch (NotFoundException e) {
                  return false;
                }
              }
            });
  }

  /** Returns the new journey's id. */
  public long deploy(String name, byte[] bpmn) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      throw new InvalidInputException(
          "invalid-journey", "name", "a journey name has 1 to " + MAX_NAME + " characters");
    }
    JourneyValidator.ValidatedJourney journey = validator.validate(bpmn);
    String definitionId = runtime.deploy(name, journey.processKey(), compiler.compile(bpmn));
    return store.insertJourney(
        name.trim(), journey.processKey(), journey.mode(), definitionId, journey.segmentId(), bpmn);
  }
}
