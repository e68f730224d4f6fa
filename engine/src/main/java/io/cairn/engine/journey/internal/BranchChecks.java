package io.cairn.engine.journey.internal;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.journey.JourneyMode;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.segment.EventBehaviour;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.w3c.dom.Element;

/**
 * Validation of the branches that decide by what users did or what the ledger says: the behaviour
 * branch (its event must exist in the catalogue, its window fit the mode) and the result branch
 * (directly after the action whose results it splits, waiting no longer than results can come).
 * Every problem names the gateway or the flow.
 */
final class BranchChecks {

  /** The actions whose results a result branch can split: the ones with per-user outcomes. */
  static final Set<Component> RESULT_ACTIONS =
      EnumSet.of(Component.SEND_SMS, Component.SEND_EMAIL, Component.SEND_PUSH, Component.CALL_WEBHOOK);

  /** What is wrong with a behaviour's event, attributes or source (the event catalogue). */
  @FunctionalInterface
  interface EventCheck {
    List<String> problems(EventBehaviour behaviour);
  }

  /** The longest wait of a result branch after an action of a channel with these settings. */
  @FunctionalInterface
  interface ResultWaitLimit {
    Duration max(Channel channel, Map<String, String> actionSettings);
  }

  private final EventCheck events;
  private final ResultWaitLimit waitLimit;
  private final Clock clock;

  BranchChecks(EventCheck events, ResultWaitLimit waitLimit, Clock clock) {
    this.events = events;
    this.waitLimit = waitLimit;
    this.clock = clock;
  }

  /** Without an event catalogue or a ledger: refuses every behaviour and result branch. */
  static BranchChecks unavailable(Clock clock) {
    return new BranchChecks(
        b -> List.of("the event catalogue is not available to check the event"),
        (channel, settings) -> Duration.ZERO,
        clock);
  }

  void checkBehaviour(
      Element node, String label, List<Element> outgoing, Predicate<String> idTaken, List<Violation> v) {
    String id = node.getAttribute("id");
    List<String> problems = new ArrayList<>();
    BehaviourBranchSpec spec =
        BehaviourBranchSpec.parse(JourneyValidator.properties(node), JourneyMode.AUDIENCE, problems);
    if (spec != null) {
      problems.addAll(events.problems(spec.behaviour()));
    }
    problems.forEach(p -> v.add(new Violation(id, label + ": " + p)));
    if (outgoing.size() != 2) {
      v.add(new Violation(id, label + ": a behaviour branch has two branches, DID and DID_NOT"));
    }
    checkFlows(
        outgoing,
        Component.BEHAVIOUR_FLOW,
        BehaviourBranchSpec.BRANCH,
        names(BehaviourBranchSpec.Branch.values()),
        v);
    reserved(id, idTaken, label, v);
  }

  void checkResult(
      Element node,
      String label,
      List<Element> sources,
      List<Element> outgoing,
      Predicate<String> idTaken,
      List<Violation> v) {
    String id = node.getAttribute("id");
    Optional<Element> action = action(sources);
    if (action.isEmpty()) {
      v.add(
          new Violation(
              id,
              label
                  + ": a result branch follows directly (one incoming flow) the SMS, email, push"
                  + " or webhook action whose results it splits"));
    }
    List<String> problems = new ArrayList<>();
    WaitSpec wait = WaitSpec.parse(JourneyValidator.properties(node), clock.instant(), problems);
    if (wait != null && wait.duration() != null && action.isPresent()) {
      Component c =
          Component.byTemplate(action.get().getAttributeNS(Component.CAMUNDA_NS, "modelerTemplate"))
              .orElseThrow();
      Duration max = waitLimit.max(c.channel, JourneyValidator.properties(action.get()));
      if (wait.duration().compareTo(max) > 0) {
        problems.add(
            "after "
                + c.channel.name().toLowerCase(Locale.ROOT)
                + " the wait lasts at most "
                + human(max)
                + " (results come within the channel's feedback window and are kept until the"
                + " ledger's retention), not "
                + human(wait.duration()));
      }
    }
    problems.forEach(p -> v.add(new Violation(id, label + ": " + p)));
    if (outgoing.isEmpty() || outgoing.size() > ResultBranch.OUTCOMES.size()) {
      v.add(new Violation(id, label + ": a result branch has 1 to 3 branches: SUCCESS, FAILURE, OTHER"));
    }
    checkFlows(outgoing, Component.RESULT_FLOW, ResultBranch.OUTCOME, ResultBranch.OUTCOMES, v);
    reserved(id, idTaken, label, v);
  }

  /** The single preceding node, when it is an action with per-user results. */
  private static Optional<Element> action(List<Element> sources) {
    if (sources.size() != 1) {
      return Optional.empty();
    }
    Element source = sources.get(0);
    return Component.byTemplate(source.getAttributeNS(Component.CAMUNDA_NS, "modelerTemplate"))
        .filter(RESULT_ACTIONS::contains)
        .filter(c -> c.bpmnElement.equals(source.getLocalName()))
        .map(c -> source);
  }

  /** Every flow carries the flow template and a distinct one of the allowed labels. */
  private static void checkFlows(
      List<Element> flows, Component template, String property, Set<String> allowed, List<Violation> v) {
    Set<String> seen = new HashSet<>();
    for (Element flow : flows) {
      String flowId = flow.getAttribute("id");
      String label = "branch " + JourneyValidator.label(flow);
      if (!template.templateId.equals(flow.getAttributeNS(Component.CAMUNDA_NS, "modelerTemplate"))) {
        v.add(new Violation(flowId, label + ": apply the " + template.templateId + " template"));
        continue;
      }
      String value = JourneyValidator.properties(flow).getOrDefault(property, "").trim();
      if (!allowed.contains(value)) {
        v.add(
            new Violation(
                flowId, label + ": " + property + " must be one of " + String.join(", ", allowed)));
      } else if (!seen.add(value)) {
        v.add(new Violation(flowId, label + ": another branch is " + value + " already"));
      }
    }
  }

  private static void reserved(String id, Predicate<String> idTaken, String label, List<Violation> v) {
    for (String synthetic : List.of(GatewayWindow.nodeId(id), GatewayWindow.flowId(id))) {
      if (idTaken.test(synthetic)) {
        v.add(new Violation(synthetic, label + ": the id " + synthetic + " is reserved for Cairn"));
      }
    }
  }

  private static Set<String> names(Enum<?>[] values) {
    Set<String> out = new java.util.LinkedHashSet<>();
    for (Enum<?> e : values) {
      out.add(e.name());
    }
    return out;
  }

  /** 72 hours, 5 days, 90 minutes. */
  static String human(Duration d) {
    if (d.toMinutes() % (24 * 60) == 0) {
      return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    }
    if (d.toMinutes() % 60 == 0) {
      return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    }
    return d.toMinutes() + " minutes";
  }
}
