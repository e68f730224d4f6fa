package io.cairn.engine.journey.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.engine.segment.Segment;
import io.cairn.engine.segment.SegmentService;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The segments "save as audience" nodes make: one STATIC segment per run and node. The first
 * token to reach the node in a run creates it; any later one (a retry, a restart before the node,
 * or a second branch flowing into it) adds its members to the same segment, so running the node
 * again never makes a second segment and never changes one that already holds those members.
 * Joins the caller's (the engine's) transaction.
 */
@Component
class JourneyAudiences {

  private final JdbcTemplate jdbc;
  private final SegmentService segments;
  private final Clock clock;
  private final JourneyStore store;

  JourneyAudiences(
      JdbcTemplate jdbc, SegmentService segments, Clock clock, JourneyStore store) {
    this.store = store;
    this.jdbc = jdbc;
    this.segments = segments;
    this.clock = clock;
  }

  /** Returns the run's segment for the node, holding {@code members} (and earlier arrivals). */
  Segment save(
      long journeyId,
      long runId,
      String elementId,
      String entityType,
      RoaringBitmap members,
      AudienceSpec spec) {
    List<Long> made =
        jdbc.queryForList(
            "SELECT segment_id FROM cairn_journey_audience WHERE run_id = ? AND element_id = ?",
            Long.class,
            runId,
            elementId);
    if (!made.isEmpty()) {
      return segments.addStaticMembers(made.get(0), members);
    }
    ObjectNode origin = JsonNodeFactory.instance.objectNode();
    origin.put("source", "journey " + journeyId + ", run " + runId + ", node " + elementId);
    origin.put("journeyId", journeyId);
    origin.put("runId", runId);
    origin.put("elementId", elementId);
    // Segments have no visibility model yet: the marketer's choice is kept with the definition
    origin.put("visibility", spec.visibility());
    Segment segment =
        segments.createStatic(
            store.workspaceOf(journeyId), // the journey's workspace, like all it uses
            spec.name(),
            entityType,
            members,
            origin,
            spec.groupId(),
            spec.remark());
    // Tokens of one run are executed one at a time (one process instance), so nobody inserts
    // between the read above and this insert; were it to happen, the key fails the step and
    // Camunda's retry takes the branch above.
    jdbc.update(
        "INSERT INTO cairn_journey_audience (run_id, element_id, segment_id, created_at)"
            + " VALUES (?,?,?,?)",
        runId,
        elementId,
        segment.id(),
        Timestamp.from(clock.instant()));
    return segment;
  }
}
