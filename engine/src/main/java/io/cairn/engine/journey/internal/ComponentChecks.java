package io.cairn.engine.journey.internal;

import io.cairn.engine.journey.JourneyMode;
import io.cairn.engine.problem.Violation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * {@link JourneyValidator}'s checks of the tag, copy and time branches, of "save as audience", and
 * of what each execution mode allows. Every problem names the element (node or flow) it is about.
 */
final class ComponentChecks {

  static final int MAX_BRANCHES = 10;

  private final ComponentLookups lookups;
  private final Clock clock;

  ComponentChecks(ComponentLookups lookups, Clock clock) {
    this.lookups = lookups;
    this.clock = clock;
  }

  /**
   * A tag branch: 1–10 flows with a rule, in file order, plus the gateway's BPMN default flow,
   * which takes the users no rule selects ("other") and carries no rule. The rules themselves are
   * checked by {@link #tagRules}, once the journey's entity type is known.
   */
  void tagBranch(Element node, String label, List<Element> out, List<Violation> v) {
    String id = node.getAttribute("id");
    String other = node.getAttribute("default");
    if (other.isEmpty() || out.stream().noneMatch(f -> f.getAttribute("id").equals(other))) {
      v.add(new Violation(id, label + ": mark one outgoing flow as the default flow; it takes the"
          + " users no rule selects (\"other\")"));
    }
    long rules = out.stream().filter(f -> !f.getAttribute("id").equals(other)).count();
    if (rules < 1 || rules > MAX_BRANCHES) {
      v.add(new Violation(id, label + ": a tag branch has 1 to " + MAX_BRANCHES
          + " branches with a rule, plus the default flow \"other\"; it has " + rules));
    }
    for (Element flow : out) {
      String flowId = flow.getAttribute("id");
      boolean isDefault = flowId.equals(other);
      boolean hasRule = !JourneyValidator.properties(flow).getOrDefault("rule", "").isBlank();
      if (isDefault && (hasRule || is(flow, Component.TAG_RULE))) {
        v.add(new Violation(flowId, "branch " + JourneyValidator.label(flow)
            + ": the default flow takes the users no rule selects; remove its rule template"));
      } else if (!isDefault && (!is(flow, Component.TAG_RULE) || !hasRule)) {
        v.add(new Violation(flowId, "branch " + JourneyValidator.label(flow)
            + ": apply the Tag rule template and set its rule"));
      }
    }
  }

  /** Every tag rule flow's rule against the journey's entity type (skipped when it is unknown). */
  void tagRules(Map<String, Element> flows, String entityType, List<Violation> v) {
    if (entityType == null) {
      return; // the entry is invalid and reported; there is no catalog to check against
    }
    for (Element flow : flows.values()) {
      String rule = JourneyValidator.properties(flow).getOrDefault("rule", "");
      if (!is(flow, Component.TAG_RULE) || rule.isBlank()) {
        continue;
      }
      for (String problem : lookups.ruleProblems(entityType, rule)) {
        v.add(new Violation(flow.getAttribute("id"),
            "branch " + JourneyValidator.label(flow) + ": rule " + problem));
      }
    }
  }

  /** A copy branch: 2–10 flows, each carrying every user. */
  void copyBranch(Element node, String label, List<Element> out, List<Violation> v) {
    if (out.size() < 2 || out.size() > MAX_BRANCHES) {
      v.add(new Violation(node.getAttribute("id"),
          label + ": a copy branch has 2 to " + MAX_BRANCHES + " branches; it has " + out.size()));
    }
  }

  /** A time branch: 1–10 flows, each with its time, after now and within the wait's 30 days. */
  void timeBranch(Element node, String label, List<Element> out, List<Violation> v) {
    if (out.isEmpty() || out.size() > MAX_BRANCHES) {
      v.add(new Violation(node.getAttribute("id"),
          label + ": a time branch has 1 to " + MAX_BRANCHES + " branches; it has " + out.size()));
    }
    for (Element flow : out) {
      String flowId = flow.getAttribute("id");
      if (!is(flow, Component.TIME_BRANCH_FLOW)) {
        v.add(new Violation(flowId, "branch " + JourneyValidator.label(flow)
            + ": apply the Time branch flow template and set its time"));
        continue;
      }
      List<String> problems = new ArrayList<>();
      TimeBranchCompiler.spec(JourneyValidator.properties(flow), clock.instant(), problems);
      for (String p : problems) {
        v.add(new Violation(flowId, "branch " + JourneyValidator.label(flow) + ": " + p));
      }
    }
  }

  /** Save as audience: name, optional existing folder, visibility, remark. */
  void saveAudience(Element node, String label, Map<String, String> props, List<Violation> v) {
    String id = node.getAttribute("id");
    List<String> problems = new ArrayList<>();
    AudienceSpec spec = AudienceSpec.parse(props, problems);
    problems.forEach(p -> v.add(new Violation(id, label + ": " + p)));
    if (spec != null && spec.groupId() != null && !lookups.segmentGroupExists(spec.groupId())) {
      v.add(new Violation(id, label + ": segment folder " + spec.groupId() + " does not exist"));
    }
  }

  /** Rule and time flows leave their own gateway, not another node. */
  static void flowPlacement(
      Map<String, Element> flows, Map<String, Element> nodes, List<Violation> v) {
    for (Element flow : flows.values()) {
      Element source = nodes.get(flow.getAttribute("sourceRef"));
      for (Component[] pair :
          new Component[][] {
            {Component.TAG_RULE, Component.TAG_BRANCH},
            {Component.TIME_BRANCH_FLOW, Component.TIME_BRANCH}
          }) {
        if (is(flow, pair[0]) && (source == null || !is(source, pair[1]))) {
          v.add(new Violation(flow.getAttribute("id"), "branch " + JourneyValidator.label(flow)
              + ": a " + pair[0].templateId + " flow must leave a " + pair[1].templateId));
        }
      }
    }
  }

  /** Ids Cairn derives for the nodes it inserts may not be taken by the uploaded file. */
  static void reservedIds(Iterable<Element> elements, List<Violation> v) {
    for (Element el : elements) {
      String id = el.getAttribute("id");
      if (id.startsWith(TimeBranchCompiler.WAIT_PREFIX) || id.startsWith(TimeBranchCompiler.GO_PREFIX)) {
        v.add(new Violation(id, "ids starting with " + TimeBranchCompiler.WAIT_PREFIX + " or "
            + TimeBranchCompiler.GO_PREFIX + " are reserved for Cairn"));
      }
    }
  }

  /** Components the journey's execution mode does not allow (JOURNEYS.md), by element. */
  static void modes(Iterable<Element> elements, JourneyMode mode, List<Violation> v) {
    for (Element el : elements) {
      Optional<Component> c = component(el);
      if (c.isPresent() && !c.get().allowedIn(mode)) {
        v.add(new Violation(el.getAttribute("id"), JourneyValidator.label(el) + ": "
            + c.get().templateId + " is not available in "
            + (mode == JourneyMode.AUDIENCE ? "audience" : "event") + "-triggered journeys"));
      }
    }
  }

  private static Optional<Component> component(Element el) {
    return Component.byTemplate(el.getAttributeNS(Component.CAMUNDA_NS, "modelerTemplate"));
  }

  private static boolean is(Element el, Component c) {
    return c.templateId.equals(el.getAttributeNS(Component.CAMUNDA_NS, "modelerTemplate"));
  }
}
