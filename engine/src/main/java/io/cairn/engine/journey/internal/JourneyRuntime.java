package io.cairn.engine.journey.internal;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.List;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** Everything Cairn asks of Camunda, in one place (the only Camunda-facing class outside glue). */
@Component
public class JourneyRuntime {

  private final RepositoryService repository;
  private final RuntimeService runtime;

  JourneyRuntime(RepositoryService repository, RuntimeService runtime) {
    this.repository = repository;
    this.runtime = runtime;
  }

  /** Deploys a validated journey; returns the process definition id. */
  String deploy(String name, String processKey, byte[] bpmn) {
    ProcessDefinition definition =
        repository
            .createDeployment()
            .name(name)
            .source("cairn")
            .addInputStream(processKey + ".bpmn", new ByteArrayInputStream(bpmn))
            .deployWithResult()
            .getDeployedProcessDefinitions()
            .get(0);
    return definition.getId();
  }

  /** Starts one cohort-mode run; returns the process instance id. */
  String startRun(
      String definitionId, long journeyId, long runId, String entityType, long cohortId) {
    return runtime
        .startProcessInstanceById(
            definitionId,
            "run-" + runId,
            Variables.createVariables()
                .putValue(CohortVariables.JOURNEY, journeyId)
                .putValue(CohortVariables.RUN, runId)
                .putValue(CohortVariables.ENTITY_TYPE, entityType)
                .putValue(CohortVariables.COHORT, cohortId))
        .getId();
  }

  /**
   * Cancels a run's process instance (stop): its waits and timers go and nothing further runs.
   * Cairn's own listeners still see the end (built-in), custom ones are skipped.
   */
  void cancel(String processInstanceId, String reason) {
    runtime.deleteProcessInstanceIfExists(processInstanceId, reason, true, true, false, false);
  }

  /**
   * Starts one event-mode instance by its entry message on the given definition (resolved once,
   * not looked up per call), in the caller's transaction; returns the process instance id.
   */
  String startEntry(
      String definitionId, String messageName, String businessKey, Map<String, Object> variables) {
    return runtime
        .startProcessInstanceByMessageAndProcessDefinitionId(
            messageName, definitionId, businessKey, variables)
        .getId();
  }

  /** The process instances of {@code businessKey} waiting for the message. */
  List<String> waitingFor(String messageName, String businessKey) {
    return runtime
        .createExecutionQuery()
        .messageEventSubscriptionName(messageName)
        .processInstanceBusinessKey(businessKey)
        .list()
        .stream()
        .map(Execution::getProcessInstanceId)
        .distinct()
        .toList();
  }

  /** A process variable of an instance, null when it or the instance is gone. */
  Object variable(String processInstanceId, String name) {
    try {
      return runtime.getVariable(processInstanceId, name);
    } catch (ProcessEngineException gone) {
      return null;
    }
  }

  /**
   * Delivers the message to that one instance; false when it no longer waits for it (delivered
   * before, or its window closed meanwhile).
   */
  boolean correlate(String messageName, String processInstanceId) {
    if (runtime.createEventSubscriptionQuery().processInstanceId(processInstanceId)
            .eventType("message").eventName(messageName).count() == 0) {
      return false; // moved on already: spares the engine's error log a mismatch
    }
    try {
      runtime.createMessageCorrelation(messageName).processInstanceId(processInstanceId).correlate();
      return true;
    } catch (MismatchingMessageCorrelationException | OptimisticLockingException moved) {
      return false;
    }
  }

  boolean isActive(String processInstanceId) {
    return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
  }

  Optional<String> incident(String processInstanceId) {
    return runtime.createIncidentQuery().processInstanceId(processInstanceId).list().stream()
        .findFirst()
        .map(i -> i.getActivityId() + ": " + i.getIncidentMessage());
  }

  /** Whether a process instance of the definition remains (waiting or stuck on an incident). */
  boolean hasInstances(String definitionId) {
    return runtime.createProcessInstanceQuery().processDefinitionId(definitionId).count() > 0;
  }

  /**
   * Removes the deployment that holds a definition, with its jobs (timer starts) and event
   * subscriptions; the history of finished instances stays until Camunda's history cleanup.
   * Removing one that is gone already changes nothing.
   */
  void undeploy(String definitionId) {
    ProcessDefinition definition =
        repository.createProcessDefinitionQuery().processDefinitionId(definitionId).singleResult();
    if (definition != null) {
      repository.deleteDeployment(definition.getDeploymentId(), false);
    }
  }

  /** Element id → name of every flow node, in the order the diagram file lists them. */
  public Map<String, String> nodeNames(String definitionId) {
    BpmnModelInstance model = repository.getBpmnModelInstance(definitionId);
    Map<String, String> names = new LinkedHashMap<>();
    for (Process process : model.getModelElementsByType(Process.class)) {
      for (FlowElement element : process.getFlowElements()) {
        if (element instanceof FlowNode node) {
          names.put(node.getId(), node.getName() == null ? node.getId() : node.getName());
        }
      }
    }
    return names;
  }

}
