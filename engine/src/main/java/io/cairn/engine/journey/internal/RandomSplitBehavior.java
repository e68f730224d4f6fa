package io.cairn.engine.journey.internal;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.behavior.GatewayActivityBehavior;
import org.camunda.bpm.engine.impl.pvm.PvmTransition;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.roaringbitmap.RoaringBitmap;

/**
 * Random split. Event mode: the instance's user takes the one flow {@link RandomSplit#choose}
 * picks. Cohort mode: partitions the incoming cohort by percentage, one stored cohort per
 * outgoing flow, then continues on every flow at once (like a parallel gateway). The partition is a
 * pure function of (entity id, process key, gateway id), so a rerun on the same data splits
 * everyone the same way.
 */
final class RandomSplitBehavior extends GatewayActivityBehavior {

  private final CohortStore cohorts;

  RandomSplitBehavior(CohortStore cohorts) {
    this.cohorts = cohorts;
  }

  @Override
  public void execute(ActivityExecution execution) {
    List<PvmTransition> out = new ArrayList<>(execution.getActivity().getOutgoingTransitions());
    double[] percentages = new double[out.size()];
    for (int i = 0; i < out.size(); i++) {
      Object p = ((TransitionImpl) out.get(i)).getProperty(CohortParseListener.PERCENTAGE);
      percentages[i] = p == null ? 0 : (Double) p;
    }
    String salt = execution.getProcessDefinitionId().split(":")[0] + "/" + execution.getActivity().getId();
    if (EventVariables.isEventMode(execution)) {
      // one user: the flow whose partition the same hash would have put them in
      execution.leaveActivityViaTransition(
          out.get(RandomSplit.choose(EventVariables.entity(execution), percentages, salt)));
      return;
    }
    long runId = CohortVariables.run(execution);
    RoaringBitmap cohort = cohorts.load(CohortVariables.cohort(execution));
    String processKey = execution.getProcessDefinitionId().split(":")[0];
    RoaringBitmap[] parts =
        RandomSplit.partition(cohort, percentages, processKey + "/" + execution.getActivity().getId());
    for (int i = 0; i < out.size(); i++) {
      execution.setVariable(
          CohortVariables.flowVariable(out.get(i).getId()), cohorts.save(runId, parts[i]));
    }
    execution.leaveActivityViaTransitions(out, List.of());
  }
}
