package io.cairn.engine.journey.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The nodes and flows of one stored journey version, read from the marketer's BPMN (Cairn's own
 * copy, so it answers after Camunda's history is gone). Each node carries a fingerprint of its
 * component and configuration, which is how two versions tell an unchanged node from a changed
 * one.
 */
final class JourneyModel {

  private static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";

  /** Children that describe wiring or prose, not what a node does. */
  private static final List<String> NOT_CONFIGURATION =
      List.of("incoming", "outgoing", "documentation");

  /**
   * @param fingerprint component and configuration, independent of name, layout and wiring
   */
  record Step(String id, String name, String type, String fingerprint) {}

  record Flow(String id, String name, String sourceId, String targetId) {}

  private final Map<String, Step> nodes = new LinkedHashMap<>();
  private final Map<String, Flow> flows = new LinkedHashMap<>();

  private JourneyModel() {}

  /** Reads a BPMN that passed validation once (the stored copy of a version). */
  static JourneyModel parse(String bpmn) {
    JourneyModel model = new JourneyModel();
    Element root =
        JourneyValidator.parse(bpmn.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
    for (Element process : children(root)) {
      if (!BPMN_NS.equals(process.getNamespaceURI()) || !"process".equals(process.getLocalName())) {
        continue;
      }
      for (Element el : children(process)) {
        if (!BPMN_NS.equals(el.getNamespaceURI()) || el.getAttribute("id").isEmpty()) {
          continue;
        }
        String id = el.getAttribute("id");
        String name = el.getAttribute("name").isBlank() ? id : el.getAttribute("name");
        if ("sequenceFlow".equals(el.getLocalName())) {
          model.flows.put(
              id, new Flow(id, name, el.getAttribute("sourceRef"), el.getAttribute("targetRef")));
        } else if (!List.of("laneSet", "textAnnotation", "association").contains(el.getLocalName())) {
          model.nodes.put(id, new Step(id, name, el.getLocalName(), canonical(el)));
        }
      }
    }
    model.includeBranches(root);
    return model;
  }

  /**
   * A gateway's configuration is partly on its outgoing flows (percentages, rules), and an
   * event-based gateway's on the events after it: a token resting at a gateway must not move when
   * any of that changed.
   */
  private void includeBranches(Element root) {
    Map<String, String> flowCanonical = new LinkedHashMap<>();
    walk(
        root,
        el -> {
          if (BPMN_NS.equals(el.getNamespaceURI()) && "sequenceFlow".equals(el.getLocalName())) {
            flowCanonical.put(el.getAttribute("id"), canonical(el));
          }
        });
    Map<String, Step> widened = new LinkedHashMap<>();
    for (Step step : nodes.values()) {
      if (!step.type().endsWith("Gateway")) {
        widened.put(step.id(), step);
        continue;
      }
      List<String> branches = new ArrayList<>();
      for (Flow f : flows.values()) {
        if (f.sourceId().equals(step.id())) {
          Step target = nodes.get(f.targetId());
          boolean eventBased = step.type().equals("eventBasedGateway");
          branches.add(
              f.id()
                  + "->"
                  + f.targetId()
                  + flowCanonical.get(f.id())
                  + (eventBased && target != null ? target.fingerprint() : ""));
        }
      }
      branches.sort(Comparator.naturalOrder());
      widened.put(
          step.id(),
          new Step(step.id(), step.name(), step.type(), step.fingerprint() + branches));
    }
    nodes.clear();
    nodes.putAll(widened);
  }

  private static void walk(Element el, java.util.function.Consumer<Element> visitor) {
    visitor.accept(el);
    for (Element child : children(el)) {
      walk(child, visitor);
    }
  }

  /** Nodes in diagram-file order. */
  Map<String, Step> nodes() {
    return nodes;
  }

  /** Flows in diagram-file order. */
  Map<String, Flow> flows() {
    return flows;
  }

  String nodeName(String id) {
    Step n = nodes.get(id);
    return n == null ? id : n.name();
  }

  /**
   * Why a node of this (older) version cannot be considered the same in {@code newer}: removed or
   * changed; null when it exists there unchanged.
   */
  String changeIn(JourneyModel newer, String nodeId, int newerVersion) {
    Step mine = nodes.get(nodeId);
    Step theirs = newer.nodes.get(nodeId);
    if (theirs == null) {
      return "removed in v" + newerVersion;
    }
    if (mine == null || !mine.fingerprint().equals(theirs.fingerprint())) {
      return "changed in v" + newerVersion;
    }
    return null;
  }

  /**
   * The element without id, name and wiring: its type, its other attributes (sorted) and its
   * configuration children (sorted, so that the order of properties does not matter).
   */
  private static String canonical(Element el) {
    StringBuilder out = new StringBuilder("<").append(el.getNamespaceURI()).append('|');
    out.append(el.getLocalName());
    NamedNodeMap attrs = el.getAttributes();
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < attrs.getLength(); i++) {
      Attr a = (Attr) attrs.item(i);
      String local = a.getLocalName() == null ? a.getName() : a.getLocalName();
      boolean identity = a.getNamespaceURI() == null && List.of("id", "name").contains(local);
      if (!identity && !"http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI())) {
        pairs.add(a.getNamespaceURI() + "|" + local + "=" + a.getValue());
      }
    }
    pairs.sort(Comparator.naturalOrder());
    out.append(pairs);
    List<String> kids = new ArrayList<>();
    for (Element child : children(el)) {
      if (!(BPMN_NS.equals(child.getNamespaceURI())
          && NOT_CONFIGURATION.contains(child.getLocalName()))) {
        kids.add(canonical(child));
      }
    }
    kids.sort(Comparator.naturalOrder());
    out.append(kids);
    String text = ownText(el).strip();
    if (!text.isEmpty()) {
      out.append('"').append(text).append('"');
    }
    return out.append('>').toString();
  }

  private static String ownText(Element el) {
    StringBuilder text = new StringBuilder();
    NodeList nodes = el.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(n.getNodeValue());
      }
    }
    return text.toString();
  }

  private static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }
}
