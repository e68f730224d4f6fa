package io.cairn.engine.journey.internal;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.behavior.GatewayActivityBehavior;
import org.camunda.bpm.engine.impl.pvm.PvmTransition;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;

/**
 * Copy branch (and the fork of a time branch): every outgoing flow carries the whole incoming
 * cohort, or, in event mode, the user continues on every flow.
 *
 * <p>Replaces Camunda's parallel gateway behaviour for two reasons. A parallel gateway joins: with
 * two incoming flows it would wait for, and merge, two tokens whose cohorts differ. And when a
 * token of a concurrent branch (after a split) forks, Camunda starts the other outgoing flows on
 * new executions of the process instance that do not inherit the token's local cohort: they would
 * read the run's entry cohort instead. So the gateway names the token's cohort for every flow,
 * by reference (the same stored cohort, no copy of the bitmap), and {@link CohortHandoff} hands it
 * to each new token.
 */
final class CopyBranchBehavior extends GatewayActivityBehavior {

  @Override
  public void execute(ActivityExecution execution) {
    List<PvmTransition> out = new ArrayList<>(execution.getActivity().getOutgoingTransitions());
    if (!EventVariables.isEventMode(execution)) {
      long cohort = CohortVariables.cohort(execution);
      for (PvmTransition flow : out) {
        execution.setVariable(CohortVariables.flowVariable(flow.getId()), cohort);
      }
    }
    execution.leaveActivityViaTransitions(out, List.of());
  }
}
