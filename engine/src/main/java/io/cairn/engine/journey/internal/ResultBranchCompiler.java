package io.cairn.engine.journey.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;

/**
 * The result branch, in both modes: a Cairn-written timer in front of the gateway waits until the
 * configured time, or for the configured duration from the arrival, which is the moment the
 * preceding action started (the branch follows it directly, in the same transaction); then {@link
 * ResultBranchBehavior} splits by the ledger.
 */
final class ResultBranchCompiler implements ElementCompiler {

  @Override
  public String templateId() {
    return Component.RESULT_BRANCH.templateId;
  }

  @Override
  public void compile(BpmnModelInstance model, FlowElement element, Map<String, String> props) {
    List<String> problems = new ArrayList<>();
    WaitSpec spec = WaitSpec.parse(props, null, problems);
    if (spec == null) {
      throw new IllegalStateException(
          "result branch " + element.getId() + " was not validated: " + problems);
    }
    GatewayWindow.insert(model, (FlowNode) element, spec);
  }
}
