package io.cairn.engine.journey.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.engine.segment.SegmentService;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.behavior.GatewayActivityBehavior;
import org.camunda.bpm.engine.impl.pvm.PvmTransition;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.roaringbitmap.RoaringBitmap;

/**
 * Tag branch: each outgoing flow but the gateway's default flow ("other") carries a rule. Flows are
 * tried in the order the file lists them and the first rule a user satisfies wins; users no rule
 * selects take "other". Rules read the tag index as it is when the token arrives.
 *
 * <p>Cohort mode: partitions the cohort into one stored cohort per flow (rule by rule, each minus
 * the users earlier rules took) and continues on every flow, empty ones too, so that statistics
 * show 0 rather than nothing. Event mode: the instance's one user continues on the first matching
 * flow only.
 */
final class TagBranchBehavior extends GatewayActivityBehavior {

  private final SegmentService segments;
  private final CohortStore cohorts;

  TagBranchBehavior(SegmentService segments, CohortStore cohorts) {
    this.segments = segments;
    this.cohorts = cohorts;
  }

  @Override
  public void execute(ActivityExecution execution) {
    String defaultFlow = (String) execution.getActivity().getProperty("default");
    List<PvmTransition> rules = new ArrayList<>();
    PvmTransition other = null;
    for (PvmTransition flow : execution.getActivity().getOutgoingTransitions()) {
      if (flow.getId().equals(defaultFlow)) {
        other = flow;
      } else {
        rules.add(flow);
      }
    }
    if (other == null) {
      throw new IllegalStateException("tag branch " + execution.getActivity().getId() + " has no default flow");
    }
    String entityType = CohortVariables.entityType(execution);
    if (!EventVariables.isEventMode(execution)) {
      partition(execution, entityType, rules, other);
    } else {
      int entity = EventVariables.entity(execution);
      PvmTransition chosen = other;
      for (PvmTransition flow : rules) {
        if (segments.matches(entityType, rule(flow), entity)) {
          chosen = flow;
          break;
        }
      }
      execution.leaveActivityViaTransition(chosen);
    }
  }

  private void partition(
      ActivityExecution execution, String entityType, List<PvmTransition> rules, PvmTransition other) {
    long runId = CohortVariables.run(execution);
    RoaringBitmap rest = cohorts.load(CohortVariables.cohort(execution));
    for (PvmTransition flow : rules) {
      RoaringBitmap taken = RoaringBitmap.and(rest, segments.evaluate(entityType, rule(flow)));
      rest.andNot(taken);
      execution.setVariable(CohortVariables.flowVariable(flow.getId()), cohorts.save(runId, taken));
    }
    execution.setVariable(CohortVariables.flowVariable(other.getId()), cohorts.save(runId, rest));
    List<PvmTransition> all = new ArrayList<>(rules);
    all.add(other);
    execution.leaveActivityViaTransitions(all, List.of());
  }

  private static JsonNode rule(PvmTransition flow) {
    return (JsonNode) ((TransitionImpl) flow).getProperty(BranchParseListener.RULE);
  }
}
