package io.cairn.engine.journey.internal;

import io.cairn.engine.event.EventTypeUsage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Journeys that have not ended use the event types their behaviour branches wait for. */
@org.springframework.stereotype.Component
class BehaviourBranchEventUsage implements EventTypeUsage {

  private final JdbcTemplate jdbc;

  BehaviourBranchEventUsage(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<String> uses(String eventCode) {
    List<String> uses = new ArrayList<>();
    jdbc.query(
        "SELECT id, name, bpmn FROM cairn_journey WHERE bpmn LIKE ?"
            + " AND status NOT IN ('STOPPED', 'COMPLETED', 'FAILED') ORDER BY id",
        rs -> {
          if (waitsFor(rs.getString(3), eventCode)) {
            uses.add("journey " + rs.getLong(1) + " \"" + rs.getString(2) + "\"");
          }
        },
        "%" + Component.BEHAVIOUR_BRANCH.templateId + "%");
    return uses;
  }

  private static boolean waitsFor(String bpmn, String eventCode) {
    NodeList gateways =
        JourneyValidator.parse(bpmn.getBytes(StandardCharsets.UTF_8))
            .getElementsByTagNameNS("*", "exclusiveGateway");
    for (int i = 0; i < gateways.getLength(); i++) {
      Element g = (Element) gateways.item(i);
      if (Component.BEHAVIOUR_BRANCH.templateId.equals(
              g.getAttributeNS(Component.CAMUNDA_NS, "modelerTemplate"))
          && eventCode.equals(JourneyValidator.properties(g).getOrDefault("eventCode", "").strip())) {
        return true;
      }
    }
    return false;
  }
}
