package io.cairn.engine.journey.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * The behaviour branch in event mode ({@link BehaviourBranchCompiler} calls it for journeys
 * without an audience entry): the marketer's gateway becomes an event-based gateway with the same id, followed by a message
 * catch {@code <id>_did} (the message Cairn names, {@link #messageName}, correlated by the {@link
 * EventInbox} once the user did the event) and a timer catch {@code <id>_did_not} (the window);
 * the marketer's DID and DID_NOT flows leave from those two. The gateway keeps the component's
 * properties, from which the engine-side listener reads "at least N".
 */
final class EventBehaviourGateway {

  private EventBehaviourGateway() {}

  static String messageName(String processKey, String gatewayId) {
    return "cairn-did-" + processKey + "-" + gatewayId;
  }

  /** Rewrites {@code element}, a validated event-mode behaviour branch. */
  static void rewrite(BpmnModelInstance model, FlowElement element, Map<String, String> props) {
    List<String> problems = new ArrayList<>();
    java.time.Duration window = BehaviourSpec.window(props, problems);
    if (window == null) {
      throw new IllegalStateException("behaviour branch " + element.getId() + " was not validated: " + problems);
    }
    BaseElement process = (BaseElement) element.getParentElement();
    String id = element.getId();
    String name = element.getName() == null ? id : element.getName();
    // by sourceRef/targetRef: hand-written files need not list bpmn:incoming/outgoing
    List<SequenceFlow> incoming = new ArrayList<>();
    List<SequenceFlow> outgoing = new ArrayList<>();
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      if (flow.getTarget() == element) {
        incoming.add(flow);
      }
      if (flow.getSource() == element) {
        outgoing.add(flow);
      }
    }
    for (BpmnShape shape : List.copyOf(model.getModelElementsByType(BpmnShape.class))) {
      if (shape.getBpmnElement() == element) {
        shape.getParentElement().removeChildElement(shape);
      }
    }
    process.removeChildElement(element);

    EventBasedGateway gateway = model.newInstance(EventBasedGateway.class, id);
    gateway.setName(name);
    gateway.setAttributeValueNs(
        Component.CAMUNDA_NS, "modelerTemplate", Component.BEHAVIOUR_BRANCH.templateId);
    process.addChildElement(gateway);
    gateway.setExtensionElements(properties(model, props));
    for (SequenceFlow flow : incoming) {
      flow.setTarget(gateway);
    }

    Message message = model.newInstance(Message.class, "cairn_message_" + id);
    message.setName(messageName(process.getId(), id));
    model.getDefinitions().getRootElements().add(message);
    IntermediateCatchEvent did = model.newInstance(IntermediateCatchEvent.class, id + "_did");
    did.setName(name + ": did");
    process.addChildElement(did);
    MessageEventDefinition onMessage = model.newInstance(MessageEventDefinition.class);
    onMessage.setMessage(message);
    did.getEventDefinitions().add(onMessage);

    IntermediateCatchEvent didNot = model.newInstance(IntermediateCatchEvent.class, id + "_did_not");
    didNot.setName(name + ": did not");
    process.addChildElement(didNot);
    WaitCompiler.timer(didNot, model, new WaitSpec(window, null));

    flow(model, process, id + "_to_did", gateway, did);
    flow(model, process, id + "_to_did_not", gateway, didNot);
    for (SequenceFlow flow : outgoing) {
      String branch = SendActionDelegate.properties(flow).getOrDefault("branch", "");
      flow.setSource(branch.trim().equalsIgnoreCase("DID") ? did : didNot);
    }
  }

  private static void flow(
      BpmnModelInstance model, BaseElement process, String id, FlowNode from, FlowNode to) {
    SequenceFlow flow = model.newInstance(SequenceFlow.class, id);
    process.addChildElement(flow);
    flow.setSource(from);
    flow.setTarget(to);
  }

  private static ExtensionElements properties(BpmnModelInstance model, Map<String, String> props) {
    ExtensionElements ext = model.newInstance(ExtensionElements.class);
    CamundaProperties list = model.newInstance(CamundaProperties.class);
    props.forEach(
        (k, v) -> {
          CamundaProperty p = model.newInstance(CamundaProperty.class);
          p.setCamundaName(k);
          p.setCamundaValue(v);
          list.getCamundaProperties().add(p);
        });
    ext.addChildElement(list);
    return ext;
  }
}
