package io.cairn.engine.journey.internal;

import io.cairn.engine.journey.JourneyMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.StartEvent;

/**
 * The behaviour branch in cohort mode: the cohort waits for the whole window in a Cairn-written
 * timer in front of the gateway ({@link GatewayWindow}), then the gateway splits it by the events
 * of the window ({@link BehaviourBranchBehavior}). In event mode the branch becomes an event-based
 * gateway, message catch vs timer ({@link EventBehaviourGateway}).
 */
final class BehaviourBranchCompiler implements ElementCompiler {

  @Override
  public String templateId() {
    return Component.BEHAVIOUR_BRANCH.templateId;
  }

  @Override
  public void compile(BpmnModelInstance model, FlowElement element, Map<String, String> props) {
    if (!isCohortMode(model)) {
      EventBehaviourGateway.rewrite(model, element, props);
      return;
    }
    List<String> problems = new ArrayList<>();
    BehaviourBranchSpec spec = BehaviourBranchSpec.parse(props, JourneyMode.AUDIENCE, problems);
    if (spec == null) {
      throw new IllegalStateException(
          "behaviour branch " + element.getId() + " was not validated: " + problems);
    }
    GatewayWindow.insert(model, (FlowNode) element, new WaitSpec(spec.window(), null));
  }

  /** An audience entry starts the journey: one process instance carries cohorts. */
  static boolean isCohortMode(BpmnModelInstance model) {
    return model.getModelElementsByType(StartEvent.class).stream()
        .anyMatch(
            s ->
                Component.AUDIENCE_ENTRY.templateId.equals(
                    s.getAttributeValueNs(Component.CAMUNDA_NS, "modelerTemplate")));
  }
}
