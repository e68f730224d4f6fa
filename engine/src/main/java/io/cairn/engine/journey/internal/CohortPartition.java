package io.cairn.engine.journey.internal;

import java.util.List;
import java.util.function.Function;
import org.camunda.bpm.engine.impl.pvm.PvmTransition;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.roaringbitmap.RoaringBitmap;

/**
 * How a partitioning gateway hands its parts on in cohort mode: one stored cohort per outgoing
 * flow ({@code cairnFlow_<flowId>}, taken over by {@link CohortHandoff}), then the token leaves on
 * every flow at once, empty parts included, so that every branch's counts show, 0 too.
 */
final class CohortPartition {

  private CohortPartition() {}

  static void leave(
      ActivityExecution execution,
      CohortStore cohorts,
      List<PvmTransition> out,
      Function<PvmTransition, RoaringBitmap> part) {
    long runId = CohortVariables.run(execution);
    for (PvmTransition t : out) {
      execution.setVariable(
          CohortVariables.flowVariable(t.getId()), cohorts.save(runId, part.apply(t)));
    }
    execution.leaveActivityViaTransitions(out, List.of());
  }
}
