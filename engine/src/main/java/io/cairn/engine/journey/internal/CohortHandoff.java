package io.cairn.engine.journey.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * On every sequence flow: when the node the token leaves assigned a cohort to this flow, the token
 * carries that cohort from here on. Local to the token's execution, so sibling branches after a
 * split each keep their own partition.
 */
final class CohortHandoff implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    Object assigned = execution.getVariable(CohortVariables.flowVariable(execution.getCurrentTransitionId()));
    if (assigned != null) {
      execution.setVariableLocal(CohortVariables.COHORT, assigned);
    }
  }
}
