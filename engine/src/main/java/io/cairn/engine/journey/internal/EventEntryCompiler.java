package io.cairn.engine.journey.internal;

import java.util.Map;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.StartEvent;

/**
 * The event entry: a message start event whose message Cairn names ({@link #messageName}), one
 * per journey, so no name a user typed ever reaches the engine. The entry worker starts one
 * instance per entering user by this message.
 */
final class EventEntryCompiler implements ElementCompiler {

  /** Events belong to user entities (event ingestion creates them as such). */
  static final String ENTITY_TYPE = "user";

  static String messageName(String processKey) {
    return "cairn-entry-" + processKey;
  }

  @Override
  public String templateId() {
    return Component.EVENT_ENTRY.templateId;
  }

  @Override
  public void compile(BpmnModelInstance model, FlowElement element, Map<String, String> props) {
    StartEvent start = (StartEvent) element;
    String processKey = ((org.camunda.bpm.model.bpmn.instance.BaseElement) start.getParentElement()).getId();
    Message message = model.newInstance(Message.class, "cairn_message_" + start.getId());
    message.setName(messageName(processKey));
    model.getDefinitions().getRootElements().add(message);
    MessageEventDefinition definition = model.newInstance(MessageEventDefinition.class);
    definition.setMessage(message);
    start.getEventDefinitions().clear();
    start.getEventDefinitions().add(definition);
  }
}
