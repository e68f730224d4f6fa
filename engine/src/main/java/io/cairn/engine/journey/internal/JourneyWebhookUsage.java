package io.cairn.engine.journey.internal;

import io.cairn.engine.webhook.WebhookUsage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Journeys that have not ended use the webhooks their "Call webhook" nodes name. */
@org.springframework.stereotype.Component
class JourneyWebhookUsage implements WebhookUsage {

  private final JdbcTemplate jdbc;

  JourneyWebhookUsage(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<String> uses(long webhookId) {
    List<String> uses = new ArrayList<>();
    jdbc.query(
        "SELECT id, name, bpmn FROM cairn_journey WHERE bpmn LIKE ?"
            + " AND status NOT IN ('STOPPED', 'COMPLETED', 'FAILED') AND "
            + JourneyStore.LIVE
            + " ORDER BY id",
        rs -> {
          if (calls(rs.getString(3), String.valueOf(webhookId))) {
            uses.add("journey " + rs.getLong(1) + " \"" + rs.getString(2) + "\"");
          }
        },
        "%" + Component.CALL_WEBHOOK.templateId + "%");
    return uses;
  }

  private static boolean calls(String bpmn, String webhookId) {
    NodeList tasks =
        JourneyValidator.parse(bpmn.getBytes(StandardCharsets.UTF_8))
            .getElementsByTagNameNS("*", "serviceTask");
    for (int i = 0; i < tasks.getLength(); i++) {
      Element task = (Element) tasks.item(i);
      if (Component.CALL_WEBHOOK.templateId.equals(
              task.getAttributeNS(Component.CAMUNDA_NS, "modelerTemplate"))
          && webhookId.equals(
              JourneyValidator.properties(task).getOrDefault("webhook", "").strip())) {
        return true;
      }
    }
    return false;
  }
}
