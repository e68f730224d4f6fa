package io.cairn.engine.journey.internal;

import java.sql.Timestamp;
import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On every sequence flow: adds the users a token takes along it to the run's branch counts. In
 * cohort mode those are the cohort assigned to the flow (or the token's own), in event mode one
 * user. Reads the flow's cohort itself rather than relying on {@link CohortHandoff} having run,
 * so the order of the two listeners does not matter. An upsert, because event-mode instances of
 * one run take the same flow concurrently.
 */
final class BranchCounter implements ExecutionListener {

  private final JdbcTemplate jdbc;
  private final CohortStore cohorts;
  private final Clock clock;

  BranchCounter(JdbcTemplate jdbc, CohortStore cohorts, Clock clock) {
    this.jdbc = jdbc;
    this.cohorts = cohorts;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Object run = execution.getVariable(CohortVariables.RUN);
    String flow = execution.getCurrentTransitionId();
    if (run == null || flow == null) {
      return; // not a run of a journey (or not a flow): nothing to count against
    }
    Object cohort = execution.getVariable(CohortVariables.flowVariable(flow));
    if (cohort == null) {
      cohort = execution.getVariable(CohortVariables.COHORT);
    }
    long users = cohort == null ? 1 : cohorts.size(((Number) cohort).longValue());
    jdbc.update(
        "INSERT INTO cairn_flow_stat (run_id, flow_id, taken, first_at) VALUES (?,?,?,?)"
            + " ON DUPLICATE KEY UPDATE taken = taken + ?",
        ((Number) run).longValue(),
        flow,
        users,
        Timestamp.from(clock.instant()),
        users);
  }
}
