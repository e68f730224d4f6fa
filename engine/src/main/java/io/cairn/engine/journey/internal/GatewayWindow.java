package io.cairn.engine.journey.internal;

import java.util.List;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The wait Cairn puts in front of a branch that decides after a while (behaviour and result
 * branches): a timer catch event with a derived id, which every flow into the gateway now enters
 * instead, and one flow from it to the gateway. The marketer drew one node; the engine runs two,
 * and the statistics list the window under the name "{@code <gateway name> (window)}", so users
 * waiting in it are visible as such.
 */
final class GatewayWindow {

  private static final String NODE_SUFFIX = "__cairnWindow";
  private static final String FLOW_SUFFIX = "__cairnWindowFlow";

  private GatewayWindow() {}

  /** The id of the window in front of gateway {@code gatewayId}. */
  static String nodeId(String gatewayId) {
    return gatewayId + NODE_SUFFIX;
  }

  /** The id of the flow from the window to the gateway. */
  static String flowId(String gatewayId) {
    return gatewayId + FLOW_SUFFIX;
  }

  /** The gateway whose window this is, or null when {@code nodeId} is not a window. */
  static String gatewayOf(String nodeId) {
    return nodeId != null && nodeId.endsWith(NODE_SUFFIX)
        ? nodeId.substring(0, nodeId.length() - NODE_SUFFIX.length())
        : null;
  }

  /** Puts a window that waits {@code spec} in front of {@code gateway}. */
  static void insert(BpmnModelInstance model, FlowNode gateway, WaitSpec spec) {
    String id = gateway.getId();
    IntermediateCatchEvent window = model.newInstance(IntermediateCatchEvent.class);
    window.setId(nodeId(id));
    window.setName((gateway.getName() == null ? id : gateway.getName()) + " (window)");
    WaitCompiler.timer(window, model, spec);
    ModelElementInstance parent = gateway.getParentElement();
    parent.insertElementAfter(window, previous(parent, gateway));
    // by targetRef: files need not list a node's <incoming> flows (Camunda does not read them)
    List<SequenceFlow> incoming =
        model.getModelElementsByType(SequenceFlow.class).stream()
            .filter(f -> f.getTarget() != null && f.getTarget().getId().equals(id))
            .toList();
    for (SequenceFlow in : incoming) {
      in.setTarget(window);
      gateway.getIncoming().remove(in);
      window.getIncoming().add(in);
    }
    SequenceFlow into = model.newInstance(SequenceFlow.class);
    into.setId(flowId(id));
    parent.insertElementAfter(into, window);
    into.setSource(window);
    into.setTarget(gateway);
    window.getOutgoing().add(into);
    gateway.getIncoming().add(into);
  }

  /** The flow element before {@code element} in the file, or null when it is the first. */
  private static ModelElementInstance previous(ModelElementInstance parent, FlowElement element) {
    ModelElementInstance before = null;
    for (FlowElement e : parent.getChildElementsByType(FlowElement.class)) {
      if (e == element || e.getId().equals(element.getId())) {
        return before;
      }
      before = e;
    }
    return before;
  }
}
