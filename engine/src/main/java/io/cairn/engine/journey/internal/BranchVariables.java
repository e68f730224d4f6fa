package io.cairn.engine.journey.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The process variables behind the branches that decide later: {@code cairnAction_<elementId>},
 * the action execution an action node recorded for the token that passed it (set by {@link
 * SendActionDelegate}, read by the result branch after it), and {@code
 * cairnWindowStart_<gatewayId>}, when the token entered a behaviour branch's window (epoch
 * milliseconds of Cairn's clock). Both are local to the token's execution, so parallel branches
 * never see each other's.
 */
final class BranchVariables {

  private static final String ACTION_PREFIX = "cairnAction_";
  private static final String WINDOW_PREFIX = "cairnWindowStart_";

  private BranchVariables() {}

  static String action(String actionElementId) {
    return ACTION_PREFIX + actionElementId;
  }

  static String windowStart(String gatewayId) {
    return WINDOW_PREFIX + gatewayId;
  }

  /** The action execution id the token recorded at the node, if it passed it. */
  static Long actionId(DelegateExecution execution, String actionElementId) {
    Object v = execution.getVariable(action(actionElementId));
    return v == null ? null : ((Number) v).longValue();
  }
}
