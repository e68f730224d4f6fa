package io.cairn.engine.journey.internal;

import io.cairn.engine.delivery.ResultOutcome;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The result branch's vocabulary: it waits like a wait component ({@code waitType}, {@code
 * amount}, {@code unit}, {@code until}, {@code timeZone}; counted from the arrival, which is the
 * moment the preceding action started, as the branch follows it directly), then sends each user on
 * the flow whose {@code outcome} property names the user's {@link ResultOutcome}.
 */
final class ResultBranch {

  /** The flow property naming the outcome a flow leaving the branch stands for. */
  static final String OUTCOME = "outcome";

  static final Set<String> OUTCOMES =
      new LinkedHashSet<>(Arrays.stream(ResultOutcome.values()).map(Enum::name).toList());

  private ResultBranch() {}
}
