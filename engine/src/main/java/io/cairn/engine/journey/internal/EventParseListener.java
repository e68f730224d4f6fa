package io.cairn.engine.journey.internal;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;

/**
 * Gives the event-mode form of the behaviour branch (an event-based gateway, compiled by {@link
 * BehaviourBranchCompiler}) its meaning: users are counted through it, and a user reaching it has
 * the event inbox looked up for events that arrived earlier.
 */
final class EventParseListener extends AbstractBpmnParseListener {

  private static final Namespace CAMUNDA = new Namespace(Component.CAMUNDA_NS);

  private final NodeStatsListener stats;
  /** Resolved when first used: the inbox needs the engine this listener is part of. */
  private final java.util.function.Supplier<EventInbox> inbox;

  EventParseListener(NodeStatsListener stats, java.util.function.Supplier<EventInbox> inbox) {
    this.stats = stats;
    this.inbox = inbox;
  }

  @Override
  public void parseEventBasedGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
    activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, stats);
    activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, stats);
    if (!Component.BEHAVIOUR_BRANCH.templateId.equals(element.attributeNS(CAMUNDA, "modelerTemplate"))) {
      return;
    }
    String gatewayId = activity.getId();
    String processKey =
        ((org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity)
                activity.getProcessDefinition())
            .getKey();
    String atLeast = CohortParseListener.properties(element).getOrDefault("atLeast", "");
    int n = atLeast.isBlank() ? 1 : Integer.parseInt(atLeast.trim());
    String message = EventBehaviourGateway.messageName(processKey, gatewayId);
    ExecutionListener reached =
        execution -> {
          Object event = execution.getVariable(EventVariables.EVENT);
          inbox.get().reached(
              execution.getProcessInstanceId(),
              CohortVariables.journey(execution),
              gatewayId,
              EventVariables.entity(execution),
              EventVariables.enteredAt(execution),
              event == null ? -1 : ((Number) event).longValue(),
              n,
              message);
        };
    activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, reached);
  }
}
