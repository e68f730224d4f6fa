package io.cairn.engine.journey.internal;

import io.cairn.engine.event.EventType;
import io.cairn.engine.problem.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.w3c.dom.Element;

/**
 * The validation of event journeys (individual mode), for {@link JourneyValidator}: the event
 * entry's configuration and the event-mode behaviour branch (window ≤ 1 day in minutes or hours, the entry's event source, one
 * DID and one DID_NOT flow). Every problem names the element id.
 */
final class EventModeChecks {

  /** The event catalogue the checks read. */
  interface EventCatalog {
    EventCatalog NONE =
        new EventCatalog() {
          @Override
          public Optional<EventType> type(String code) {
            return Optional.empty();
          }

          @Override
          public boolean sourceExists(String code) {
            return false;
          }
        };

    Optional<EventType> type(String code);

    boolean sourceExists(String code);
  }

  private final EventCatalog catalog;

  EventModeChecks(EventCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Checks the journey if it has an event entry; returns whether it has one (event mode).
   *
   * @param nodes the process's flow nodes
   * @param outgoing flows by source node id
   * @param label the marketer's name of an element
   */
  boolean check(
      Iterable<Element> nodes,
      Map<String, List<Element>> outgoing,
      Function<Element, String> label,
      List<Violation> violations) {
    Element entry = null;
    for (Element node : nodes) {
      if (component(node).filter(c -> c == Component.EVENT_ENTRY).isPresent()) {
        entry = node;
      }
    }
    if (entry == null) {
      return false;
    }
    String source = checkEntry(entry, label.apply(entry), violations);
    for (Element node : nodes) {
      String id = node.getAttribute("id");
      Optional<Component> c = component(node);
      if (c.isEmpty()) {
        continue;
      }
      if (c.get() == Component.BEHAVIOUR_BRANCH) {
        checkBehaviour(node, label, source, outgoing.getOrDefault(id, List.of()), violations);
      }
    }
    return true;
  }

  private String checkEntry(Element entry, String label, List<Violation> violations) {
    String id = entry.getAttribute("id");
    for (Element child : JourneyValidatorNodes.children(entry)) {
      if (child.getLocalName().endsWith("EventDefinition")
          && !(child.getLocalName().equals("messageEventDefinition")
              && child.getAttribute("messageRef").isEmpty())) {
        violations.add(
            new Violation(
                id, label + ": an event entry is a plain or message start event; Cairn names the"
                    + " message"));
      }
    }
    List<String> problems = new ArrayList<>();
    EntrySpec spec =
        EntrySpec.parse(JourneyValidator.properties(entry), catalog::type, catalog::sourceExists, problems);
    problems.forEach(p -> violations.add(new Violation(id, label + ": " + p)));
    return spec == null ? null : spec.filter().sourceCode();
  }

  private void checkBehaviour(
      Element node,
      Function<Element, String> label,
      String entrySource,
      List<Element> flows,
      List<Violation> violations) {
    String id = node.getAttribute("id");
    List<String> problems = new ArrayList<>();
    BehaviourSpec spec =
        BehaviourSpec.parse(
            JourneyValidator.properties(node), catalog::type, catalog::sourceExists, problems);
    if (spec != null && entrySource != null && !spec.filter().sourceCode().equals(entrySource)) {
      problems.add(
          "in an event journey the branch's event comes from the entry's source ("
              + entrySource
              + ")");
    }
    problems.forEach(p -> violations.add(new Violation(id, label.apply(node) + ": " + p)));
    Set<String> branches = new HashSet<>();
    for (Element flow : flows) {
      String branch =
          JourneyValidator.properties(flow).getOrDefault("branch", "").trim().toUpperCase(Locale.ROOT);
      if (!Set.of("DID", "DID_NOT").contains(branch) || !branches.add(branch)) {
        violations.add(
            new Violation(
                flow.getAttribute("id"),
                "branch "
                    + label.apply(flow)
                    + ": a behaviour branch has one DID and one DID_NOT flow (branch)"));
      }
    }
    if (flows.size() != 2) {
      violations.add(
          new Violation(id, label.apply(node) + ": a behaviour branch has exactly two flows, DID and DID_NOT"));
    }
  }

  private static Optional<Component> component(Element node) {
    return Component.byTemplate(node.getAttributeNS(Component.CAMUNDA_NS, "modelerTemplate"));
  }

  /** DOM helpers shared with the validator. */
  static final class JourneyValidatorNodes {
    private JourneyValidatorNodes() {}

    static List<Element> children(Element parent) {
      List<Element> out = new ArrayList<>();
      for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e) {
          out.add(e);
        }
      }
      return out;
    }
  }
}
