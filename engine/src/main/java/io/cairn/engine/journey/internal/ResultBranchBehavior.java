package io.cairn.engine.journey.internal;

import io.cairn.engine.delivery.ActionResults;
import io.cairn.engine.delivery.ResultOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.pvm.PvmActivity;
import org.camunda.bpm.engine.impl.pvm.PvmTransition;
import org.camunda.bpm.engine.impl.bpmn.behavior.GatewayActivityBehavior;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.roaringbitmap.RoaringBitmap;

/**
 * The result branch, run when the wait in front of it ({@link GatewayWindow}) ends: splits the
 * recipients of the action execution this token recorded ({@code cairnAction_<elementId>}, so only
 * this run's and this token's rows) by {@link ResultOutcome}. Cohort mode: one cohort per flow, the
 * token leaves on every flow; users whose outcome has no flow end their journey here. Event mode
 * (no cohort, one user {@code cairnEntity}): the user takes the flow of his row's outcome, or ends
 * here when there is none.
 */
final class ResultBranchBehavior extends GatewayActivityBehavior {

  /** The entity of an event-mode instance (dense id). */
  static final String ENTITY = "cairnEntity";

  private final CohortStore cohorts;
  private final ActionResults results;

  ResultBranchBehavior(CohortStore cohorts, ActionResults results) {
    this.cohorts = cohorts;
    this.results = results;
  }

  @Override
  public void execute(ActivityExecution execution) {
    String action = actionElement(execution.getActivity());
    Long actionId = BranchVariables.actionId(execution, action);
    if (actionId == null) {
      throw new IllegalStateException(
          "result branch " + execution.getActivity().getId() + ": the token did not pass " + action);
    }
    boolean cohortMode = execution.getVariable(CohortVariables.COHORT) != null;
    RoaringBitmap members =
        cohortMode
            ? cohorts.load(CohortVariables.cohort(execution))
            : RoaringBitmap.bitmapOf(((Number) execution.getVariable(ENTITY)).intValue());
    Map<ResultOutcome, RoaringBitmap> parts = results.partition(actionId, members);
    List<PvmTransition> out = new ArrayList<>(execution.getActivity().getOutgoingTransitions());
    if (cohortMode) {
      CohortPartition.leave(execution, cohorts, out, t -> parts.get(outcome(t)));
      return;
    }
    List<PvmTransition> taken =
        out.stream().filter(t -> !parts.get(outcome(t)).isEmpty()).toList();
    execution.leaveActivityViaTransitions(taken, List.of());
  }

  private static ResultOutcome outcome(PvmTransition t) {
    return ResultOutcome.valueOf((String) t.getProperty(OutcomeBranchParseListener.LABEL));
  }

  /** The action in front of the window in front of this gateway (validated: exactly one each). */
  private static String actionElement(PvmActivity gateway) {
    PvmActivity window = gateway.getIncomingTransitions().get(0).getSource();
    return window.getIncomingTransitions().get(0).getSource().getId();
  }
}
