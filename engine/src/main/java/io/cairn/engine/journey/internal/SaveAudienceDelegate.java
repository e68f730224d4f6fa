package io.cairn.engine.journey.internal;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Save as audience" in cohort mode: the token's cohort becomes a STATIC segment in the engine's
 * transaction (a rolled-back step leaves no segment), once per run and node ({@link
 * JourneyAudiences}). Sends nothing and writes no delivery sub-task [6.5.5.1].
 */
final class SaveAudienceDelegate implements JavaDelegate {

  private final CohortStore cohorts;
  private final JourneyAudiences audiences;

  SaveAudienceDelegate(CohortStore cohorts, JourneyAudiences audiences) {
    this.cohorts = cohorts;
    this.audiences = audiences;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<String> problems = new ArrayList<>();
    AudienceSpec spec =
        AudienceSpec.parse(
            SendActionDelegate.properties(execution.getBpmnModelElementInstance()), problems);
    if (spec == null) {
      throw new IllegalStateException(
          "save as audience " + execution.getCurrentActivityId() + " was not validated: " + problems);
    }
    audiences.save(
        CohortVariables.journey(execution),
        CohortVariables.run(execution),
        execution.getCurrentActivityId(),
        CohortVariables.entityType(execution),
        cohorts.load(CohortVariables.cohort(execution)),
        spec);
  }
}
