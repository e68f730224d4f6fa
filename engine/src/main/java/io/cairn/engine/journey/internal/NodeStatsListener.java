package io.cairn.engine.journey.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts users entering and leaving every node of a run. Event mode: one user per instance,
 * through {@link EventNodeStats}. Cohort mode: the size of the token's cohort, added in
 * the engine's transaction. A run is one process instance, executed by one thread at a time, so
 * update-then-insert cannot race.
 */
@Component
class NodeStatsListener implements ExecutionListener {

  private final JdbcTemplate jdbc;
  private final CohortStore cohorts;
  private final EventNodeStats eventStats;

  NodeStatsListener(JdbcTemplate jdbc, CohortStore cohorts, EventNodeStats eventStats) {
    this.jdbc = jdbc;
    this.cohorts = cohorts;
    this.eventStats = eventStats;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (EventVariables.isEventMode(execution)) {
      eventStats.count(
          CohortVariables.run(execution),
          execution.getCurrentActivityId(),
          EVENTNAME_START.equals(execution.getEventName()));
      return;
    }
    if (execution.getVariable(CohortVariables.COHORT) == null) {
      return; // not a cohort-mode run
    }
    if (execution.isCanceled()) {
      return; // a stopped run: its users did not leave the node, they were cancelled in it
    }
    long size = cohorts.size(CohortVariables.cohort(execution));
    boolean start = EVENTNAME_START.equals(execution.getEventName());
    String column = start ? "entered" : "left_count";
    long run = CohortVariables.run(execution);
    String element = execution.getCurrentActivityId();
    int updated =
        jdbc.update(
            "UPDATE cairn_node_stat SET " + column + " = " + column + " + ?"
                + " WHERE run_id = ? AND element_id = ?",
            size,
            run,
            element);
    if (updated == 0) {
      jdbc.update(
          "INSERT INTO cairn_node_stat (run_id, element_id, entered, left_count) VALUES (?,?,?,?)",
          run,
          element,
          start ? size : 0,
          start ? 0 : size);
    }
  }
}
