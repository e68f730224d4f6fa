package io.cairn.engine.journey.internal;

import java.util.Optional;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.persistence.entity.IncidentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.runtime.Incident;

/**
 * Camunda's failed-job incident handler plus a copy in Cairn's tables, written in the engine's
 * transaction: the copy exists exactly when the incident does, and stays after Camunda's history
 * cleanup. Resolving (retries reset) or deleting the incident closes the copy.
 */
final class IncidentRecorder extends DefaultIncidentHandler {

  private final IncidentStore incidents;
  private final VersionStore versions;

  IncidentRecorder(IncidentStore incidents, VersionStore versions) {
    super(Incident.FAILED_JOB_HANDLER_TYPE);
    this.incidents = incidents;
    this.versions = versions;
  }

  @Override
  public Incident handleIncident(IncidentContext context, String message) {
    Incident incident = super.handleIncident(context, message);
    Optional<Long> journey = versions.journeyOfDefinition(incident.getProcessDefinitionId());
    if (journey.isPresent()) {
      incidents.insert(
          journey.get(),
          versions.runOfInstance(incident.getProcessInstanceId()).orElse(null),
          incident.getProcessInstanceId(),
          incident.getId(),
          incident.getConfiguration(),
          failedNode(incident),
          nodeName(incident),
          incident.getIncidentMessage(),
          incident.getIncidentTimestamp().toInstant());
    }
    return incident;
  }

  /** Camunda's own removal, noting each incident it resolves or deletes. */
  @Override
  protected void removeIncident(IncidentContext context, boolean incidentResolved) {
    for (Incident incident :
        Context.getCommandContext()
            .getIncidentManager()
            .findIncidentByConfiguration(context.getConfiguration())) {
      IncidentEntity entity = (IncidentEntity) incident;
      if (incidentResolved) {
        entity.resolve();
      } else {
        entity.delete();
      }
      incidents.close(incident.getId(), incidentResolved ? "RETRIED" : "DELETED");
    }
  }

  /**
   * The node whose step failed. A timer's job belongs to the timer, but the step that failed may
   * be a later node of the same transaction; that is the one a marketer must look at.
   */
  private static String failedNode(Incident incident) {
    return incident.getFailedActivityId() != null
        ? incident.getFailedActivityId()
        : incident.getActivityId();
  }

  private static String nodeName(Incident incident) {
    String node = failedNode(incident);
    ProcessDefinitionEntity definition =
        Context.getProcessEngineConfiguration()
            .getDeploymentCache()
            .findDeployedProcessDefinitionById(incident.getProcessDefinitionId());
    ActivityImpl activity = node == null ? null : definition.findActivity(node);
    return activity == null || activity.getName() == null ? node : activity.getName();
  }
}
