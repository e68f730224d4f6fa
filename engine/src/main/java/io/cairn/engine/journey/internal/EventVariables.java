package io.cairn.engine.journey.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The process variables of an event-mode instance (one user's entry): the shared {@code
 * cairnJourney}, {@code cairnRun} and {@code cairnEntityType} of {@link CohortVariables}, plus the
 * user ({@code cairnEntity}, the dense entity id), the user's entry number in the journey ({@code
 * cairnEntry}, from 1), when the entry's event was received ({@code cairnEnteredAt}, epoch ms) and
 * its event id ({@code cairnEvent}). The business key is {@code <entityType>:<entityId>}.
 */
final class EventVariables {

  static final String ENTITY = "cairnEntity";
  static final String ENTRY = "cairnEntry";
  static final String ENTERED_AT = "cairnEnteredAt";
  static final String EVENT = "cairnEvent";

  private EventVariables() {}

  /** Whether the execution belongs to an event-mode instance. */
  static boolean isEventMode(DelegateExecution execution) {
    return execution.getVariable(ENTITY) != null;
  }

  static int entity(DelegateExecution execution) {
    return ((Number) execution.getVariable(ENTITY)).intValue();
  }

  static int entry(DelegateExecution execution) {
    return ((Number) execution.getVariable(ENTRY)).intValue();
  }

  static long enteredAt(DelegateExecution execution) {
    return ((Number) execution.getVariable(ENTERED_AT)).longValue();
  }

  static String businessKey(String entityType, int entityId) {
    return entityType + ":" + entityId;
  }
}
