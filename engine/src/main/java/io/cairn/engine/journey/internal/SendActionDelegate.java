package io.cairn.engine.journey.internal;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.delivery.ActionRequest;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.delivery.RecipientRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * A send action. In event mode it records the instance's one user in the node's shared action
 * execution ({@link RecipientRequest}). In cohort mode: writes the token's whole cohort to the delivery ledger in the
 * engine's transaction and moves on. The dispatcher delivers after the commit, so the journey never
 * waits for a provider and a rolled-back step never sends.
 */
final class SendActionDelegate implements JavaDelegate {

  private final Channel channel;
  private final String connectorId;
  private final CohortStore cohorts;
  private final DeliveryLedger ledger;

  SendActionDelegate(Channel channel, CohortStore cohorts, DeliveryLedger ledger) {
    this(channel, null, cohorts, ledger);
  }

  /**
   * @param connectorId the connector the node's component sends through, for channels with
   *     several (ad platforms); {@code null} means the channel's configured connector
   */
  SendActionDelegate(
      Channel channel, String connectorId, CohortStore cohorts, DeliveryLedger ledger) {
    this.channel = channel;
    this.connectorId = connectorId;
    this.cohorts = cohorts;
    this.ledger = ledger;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long actionId;
    if (EventVariables.isEventMode(execution)) {
      actionId =
          ledger.enqueueRecipient(
              new RecipientRequest(
                  CohortVariables.journey(execution),
                  CohortVariables.run(execution),
                  execution.getCurrentActivityId(),
                  EventVariables.entry(execution),
                  channel,
                  CohortVariables.entityType(execution),
                  properties(execution.getBpmnModelElementInstance()),
                  connectorId,
                  EventVariables.entity(execution)));
    } else {
      actionId =
          ledger.enqueue(
              new ActionRequest(
                  CohortVariables.journey(execution),
                  CohortVariables.run(execution),
                  execution.getCurrentActivityId(),
                  execution.getActivityInstanceId(),
                  channel,
                  CohortVariables.entityType(execution),
                  properties(execution.getBpmnModelElementInstance()),
                  cohorts.load(CohortVariables.cohort(execution)),
                  connectorId));
    }
    // a result branch after this node splits exactly this token's recipients
    execution.setVariableLocal(
        BranchVariables.action(execution.getCurrentActivityId()), actionId);
  }

  static Map<String, String> properties(FlowElement element) {
    Map<String, String> props = new LinkedHashMap<>();
    ExtensionElements ext = element.getExtensionElements();
    if (ext == null) {
      return props;
    }
    for (CamundaProperties list :
        ext.getElementsQuery().filterByType(CamundaProperties.class).list()) {
      for (CamundaProperty p : list.getCamundaProperties()) {
        if (p.getCamundaValue() != null) { // Camunda reads value="" as null: absent
          props.put(p.getCamundaName(), p.getCamundaValue());
        }
      }
    }
    return props;
  }
}
