package io.cairn.engine.journey.internal;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
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
