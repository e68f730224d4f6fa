package io.cairn.engine.journey.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The process variables a cohort-mode run carries: references, never entity ids. {@code
 * cairnCohort} is the cohort of the token (local to a branch's execution after a split), {@code
 * cairnFlow_<flowId>} the cohort a split assigned to one outgoing flow.
 */
final class CohortVariables {

  static final String RUN = "cairnRun";
  static final String JOURNEY = "cairnJourney";
  static final String ENTITY_TYPE = "cairnEntityType";
  static final String COHORT = "cairnCohort";
  private static final String FLOW_PREFIX = "cairnFlow_";

  private CohortVariables() {}

  static long cohort(DelegateExecution execution) {
    Object v = execution.getVariable(COHORT);
    if (v == null) {
      throw new IllegalStateException(
          "no cohort on execution " + execution.getId() + " at " + execution.getCurrentActivityId());
    }
    return ((Number) v).longValue();
  }

  static long run(DelegateExecution execution) {
    return ((Number) execution.getVariable(RUN)).longValue();
  }

  static long journey(DelegateExecution execution) {
    return ((Number) execution.getVariable(JOURNEY)).longValue();
  }

  static String entityType(DelegateExecution execution) {
    return (String) execution.getVariable(ENTITY_TYPE);
  }

  static String flowVariable(String flowId) {
    return FLOW_PREFIX + flowId;
  }
}
