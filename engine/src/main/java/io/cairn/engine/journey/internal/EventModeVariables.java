package io.cairn.engine.journey.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * What the branch components read of an event-mode instance (one user per process instance): the
 * user's dense entity id in {@code cairnEntity} and the entity type in {@code cairnEntityType}. A
 * token without {@code cairnCohort} is an event-mode token.
 */
final class EventModeVariables {

  static final String ENTITY = "cairnEntity";

  private EventModeVariables() {}

  static boolean cohortMode(DelegateExecution execution) {
    return execution.getVariable(CohortVariables.COHORT) != null;
  }

  static int entity(DelegateExecution execution) {
    Object v = execution.getVariable(ENTITY);
    if (v == null) {
      throw new IllegalStateException(
          "neither a cohort nor an entity on execution " + execution.getId() + " at "
              + execution.getCurrentActivityId());
    }
    return ((Number) v).intValue();
  }
}
