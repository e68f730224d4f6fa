package io.cairn.engine.journey.internal;

import io.cairn.engine.template.TemplateUsage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Journeys that have not ended use the templates their send nodes name ({@code templateId}). */
@org.springframework.stereotype.Component
class JourneyTemplateUsage implements TemplateUsage {

  private final JdbcTemplate jdbc;

  JourneyTemplateUsage(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<String> uses(long templateId) {
    List<String> uses = new ArrayList<>();
    jdbc.query(
        "SELECT id, name, bpmn FROM cairn_journey WHERE bpmn LIKE ?"
            + " AND status NOT IN ('STOPPED', 'COMPLETED', 'FAILED') AND "
            + JourneyStore.LIVE
            + " ORDER BY id",
        rs -> {
          if (sends(rs.getString(3), String.valueOf(templateId))) {
            uses.add("journey " + rs.getLong(1) + " \"" + rs.getString(2) + "\"");
          }
        },
        "%templateId%");
    return uses;
  }

  private static boolean sends(String bpmn, String templateId) {
    NodeList tasks =
        JourneyValidator.parse(bpmn.getBytes(StandardCharsets.UTF_8))
            .getElementsByTagNameNS("*", "serviceTask");
    for (int i = 0; i < tasks.getLength(); i++) {
      Element task = (Element) tasks.item(i);
      boolean send =
          Component.byTemplate(task.getAttributeNS(Component.CAMUNDA_NS, "modelerTemplate"))
              .map(c -> c.isAction() && c != Component.CALL_WEBHOOK)
              .orElse(false);
      if (send
          && templateId.equals(
              JourneyValidator.properties(task).getOrDefault("templateId", "").strip())) {
        return true;
      }
    }
    return false;
  }
}
