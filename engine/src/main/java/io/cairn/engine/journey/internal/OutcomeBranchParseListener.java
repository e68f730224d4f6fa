package io.cairn.engine.journey.internal;

import io.cairn.engine.delivery.ActionResults;
import io.cairn.engine.journey.JourneyMode;
import io.cairn.engine.segment.EventBehaviours;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;

/**
 * Gives the branches that decide later their meaning when Camunda parses a journey: behaviour and
 * result gateways get their partitioning behaviour, their flows the branch or outcome they stand
 * for, and every flow into a behaviour branch's window records when the token entered it.
 */
final class OutcomeBranchParseListener extends AbstractBpmnParseListener {

  /** Transition property: the {@code branch} or {@code outcome} a flow stands for. */
  static final String LABEL = "cairn.label";

  private static final Namespace CAMUNDA = new Namespace(Component.CAMUNDA_NS);

  private final CohortStore cohorts;
  private final EventBehaviours behaviours;
  private final ActionResults results;
  private final Clock clock;

  OutcomeBranchParseListener(
      CohortStore cohorts, EventBehaviours behaviours, ActionResults results, Clock clock) {
    this.cohorts = cohorts;
    this.behaviours = behaviours;
    this.results = results;
    this.clock = clock;
  }

  @Override
  public void parseExclusiveGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
    String template = element.attributeNS(CAMUNDA, "modelerTemplate");
    if (Component.BEHAVIOUR_BRANCH.templateId.equals(template)) {
      List<String> problems = new ArrayList<>();
      BehaviourBranchSpec spec =
          BehaviourBranchSpec.parse(
              CohortParseListener.properties(element), JourneyMode.AUDIENCE, problems);
      if (spec == null) {
        throw new IllegalStateException(
            "behaviour branch " + activity.getId() + " is not valid: " + problems);
      }
      activity.setActivityBehavior(new BehaviourBranchBehavior(cohorts, behaviours, spec));
    } else if (Component.RESULT_BRANCH.templateId.equals(template)) {
      activity.setActivityBehavior(new ResultBranchBehavior(cohorts, results));
    }
  }

  @Override
  public void parseSequenceFlow(Element element, ScopeImpl scope, TransitionImpl transition) {
    Map<String, String> props = CohortParseListener.properties(element);
    String label =
        props.getOrDefault(BehaviourBranchSpec.BRANCH, props.get(ResultBranch.OUTCOME));
    if (label != null) {
      transition.setProperty(LABEL, label.trim());
    }
    String gateway = GatewayWindow.gatewayOf(transition.getDestination().getId());
    if (gateway != null
        && scope.findActivity(gateway) != null
        && scope.findActivity(gateway).getActivityBehavior() instanceof BehaviourBranchBehavior) {
      transition.addListener(ExecutionListener.EVENTNAME_TAKE, new WindowStart(gateway, clock));
    }
  }

  /** Records, on the token's execution, when it entered a behaviour branch's window. */
  private record WindowStart(String gateway, Clock clock) implements ExecutionListener {
    @Override
    public void notify(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
      execution.setVariableLocal(BranchVariables.windowStart(gateway), clock.millis());
    }
  }
}
