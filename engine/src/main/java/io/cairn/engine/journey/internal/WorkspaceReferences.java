package io.cairn.engine.journey.internal;

import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.workspace.Owned;
import io.cairn.engine.workspace.Workspaces;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A journey may only use segments, webhooks and templates of its own workspace. Every element's
 * properties are read by name, so that components added later are covered when they use the same
 * names: {@code segmentId}, {@code webhook}, {@code templateId}. A row of another workspace is
 * reported exactly as a missing one ("segment 5 does not exist"), so ids do not leak; a row that
 * does not exist at all is left to the validator, which says the same.
 */
@Component
class WorkspaceReferences {

  private static final Map<String, Owned> REFERENCES =
      Map.of("segmentId", Owned.SEGMENT, "webhook", Owned.WEBHOOK, "templateId", Owned.TEMPLATE);

  private final Workspaces workspaces;

  WorkspaceReferences(Workspaces workspaces) {
    this.workspaces = workspaces;
  }

  /** One violation per reference to another workspace, naming the element; empty when none. */
  List<Violation> foreign(long workspaceId, byte[] bpmn) {
    if (bpmn == null || bpmn.length == 0 || bpmn.length > JourneyValidator.MAX_BYTES) {
      return List.of();
    }
    Document doc;
    try {
      doc = JourneyValidator.parse(bpmn);
    } catch (InvalidInputException unreadable) {
      return List.of(); // the validator reports it
    }
    List<Violation> violations = new ArrayList<>();
    NodeList all = doc.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element el = (Element) all.item(i);
      if (el.getAttribute("id").isEmpty()) {
        continue;
      }
      JourneyValidator.properties(el)
          .forEach(
              (name, value) -> {
                Owned kind = REFERENCES.get(name);
                String ref = value == null ? "" : value.strip();
                if (kind != null && ref.matches("[0-9]{1,18}") && elsewhere(kind, ref, workspaceId)) {
                  violations.add(
                      new Violation(
                          el.getAttribute("id"),
                          label(el) + ": " + kind.kind + " " + ref + " does not exist"));
                }
              });
    }
    return violations;
  }

  private boolean elsewhere(Owned kind, String ref, long workspaceId) {
    return workspaces
        .workspaceOf(kind, Long.parseLong(ref))
        .filter(w -> w != workspaceId)
        .isPresent();
  }

  private static String label(Element el) {
    String name = el.getAttribute("name");
    return name.isBlank() ? el.getLocalName() + " " + el.getAttribute("id") : "\"" + name + "\"";
  }
}
