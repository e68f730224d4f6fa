package io.cairn.engine.journey.internal;

import io.cairn.engine.segment.EventBehaviours;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.behavior.GatewayActivityBehavior;
import org.camunda.bpm.engine.impl.pvm.PvmTransition;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.roaringbitmap.RoaringBitmap;

/**
 * Cohort-mode behaviour branch, run when the window in front of it ({@link GatewayWindow}) ends:
 * the members of the token's cohort who did the event within [entry, entry + window] (matching the
 * conditions, at least N times) take the DID flow, everyone else the DID_NOT flow. The doers come
 * from one scan of the window's events ({@link EventBehaviours#did}), whatever the cohort's size.
 * Events that arrive after the branch decided do not move anyone any more.
 */
final class BehaviourBranchBehavior extends GatewayActivityBehavior {

  private final CohortStore cohorts;
  private final EventBehaviours behaviours;
  private final BehaviourBranchSpec spec;

  BehaviourBranchBehavior(CohortStore cohorts, EventBehaviours behaviours, BehaviourBranchSpec spec) {
    this.cohorts = cohorts;
    this.behaviours = behaviours;
    this.spec = spec;
  }

  @Override
  public void execute(ActivityExecution execution) {
    String gateway = execution.getActivity().getId();
    Object start = execution.getVariable(BranchVariables.windowStart(gateway));
    if (start == null) {
      throw new IllegalStateException(
          "behaviour branch " + gateway + " was reached without passing its window");
    }
    Instant from = Instant.ofEpochMilli(((Number) start).longValue());
    RoaringBitmap cohort = cohorts.load(CohortVariables.cohort(execution));
    RoaringBitmap did = behaviours.did(spec.behaviour(), from, from.plus(spec.window()));
    did.and(cohort);
    RoaringBitmap didNot = RoaringBitmap.andNot(cohort, did);
    List<PvmTransition> out = new ArrayList<>(execution.getActivity().getOutgoingTransitions());
    CohortPartition.leave(
        execution,
        cohorts,
        out,
        t ->
            BehaviourBranchSpec.Branch.DID.name().equals(t.getProperty(OutcomeBranchParseListener.LABEL))
                ? did
                : didNot);
  }
}
