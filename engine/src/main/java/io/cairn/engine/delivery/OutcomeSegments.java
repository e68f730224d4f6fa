package io.cairn.engine.delivery;

import io.cairn.engine.delivery.internal.OutcomeRows;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.segment.Segment;
import io.cairn.engine.segment.SegmentService;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.stereotype.Service;

/**
 * Segments made of delivery outcomes ("everyone the SMS node could not reach"): a STATIC segment of
 * the entities whose ledger rows have the given statuses. It holds the members the rows had when it
 * was made and is never recomputed. Rows that retention deleted are gone: their actions are
 * reported, and a request whose every action was purged is refused. Thread-safe.
 */
@Service
public class OutcomeSegments {

  private final OutcomeRows rows;
  private final SegmentService segments;

  OutcomeSegments(OutcomeRows rows, SegmentService segments) {
    this.rows = rows;
    this.segments = segments;
  }

  /**
   * Creates the segment; an empty one (size 0) when no row matches.
   *
   * @throws InvalidInputException naming the field: no or both of actionId/journeyId, an unknown
   *     action or journey (or node of it), no statuses, a reason over 512 characters, actions of
   *     different entity types
   * @throws ConflictException when the rows of every action in scope were purged by retention
   */
  public OutcomeSegment create(OutcomeSegmentRequest r) {
    List<OutcomeRows.Scoped> scope = scope(r);
    List<Long> purged =
        scope.stream().filter(OutcomeRows.Scoped::purged).map(OutcomeRows.Scoped::id).toList();
    List<OutcomeRows.Scoped> readable = scope.stream().filter(s -> !s.purged()).toList();
    if (readable.isEmpty()) {
      throw new ConflictException(
          "ledger-purged",
          "the ledger rows of action(s) "
              + purged
              + " were deleted by retention (cairn.delivery.retention); only their counts per"
              + " status remain, so no segment can be made of them");
    }
    List<String> types = readable.stream().map(OutcomeRows.Scoped::entityType).distinct().toList();
    if (types.size() > 1) {
      throw new InvalidInputException(
          "invalid-outcome-segment",
          r.elementId() == null ? "journeyId" : "elementId",
          "the actions in scope send to different entity types " + types + "; name one node");
    }
    List<String> statuses = r.statuses().stream().map(Enum::name).distinct().toList();
    RoaringBitmap members = new RoaringBitmap();
    for (OutcomeRows.Scoped a : readable) {
      rows.members(a.id(), statuses, r.reason(), members);
    }
    List<Long> read = readable.stream().map(OutcomeRows.Scoped::id).toList();
    Segment segment = segments.createStatic(r.name(), types.get(0), members, source(r, statuses));
    return new OutcomeSegment(segment, members.getLongCardinality(), read, purged);
  }

  private List<OutcomeRows.Scoped> scope(OutcomeSegmentRequest r) {
    List<Violation> v = new ArrayList<>();
    if ((r.actionId() == null) == (r.journeyId() == null)) {
      v.add(new Violation("actionId", "give either actionId or journeyId (with elementId)"));
    }
    if (r.elementId() != null && r.journeyId() == null) {
      v.add(new Violation("elementId", "elementId needs journeyId"));
    }
    if (r.statuses() == null
        || r.statuses().isEmpty()
        || r.statuses().stream().anyMatch(java.util.Objects::isNull)) {
      v.add(new Violation("statuses", "name at least one status, e.g. FAILED or NO_FEEDBACK"));
    }
    if (r.reason() != null && (r.reason().isEmpty() || r.reason().length() > 512)) {
      v.add(new Violation("reason", "must be 1 to 512 characters"));
    }
    throwIfAny(v);
    if (r.actionId() != null) {
      List<OutcomeRows.Scoped> one = rows.action(r.actionId());
      if (one.isEmpty()) {
        throw new InvalidInputException(
            "invalid-outcome-segment", "actionId", "action " + r.actionId() + " does not exist");
      }
      return one;
    }
    List<OutcomeRows.Scoped> of = rows.actions(r.journeyId(), r.elementId());
    if (of.isEmpty()) {
      boolean journeyKnown = r.elementId() != null && !rows.actions(r.journeyId(), null).isEmpty();
      throw new InvalidInputException(
          "invalid-outcome-segment",
          journeyKnown ? "elementId" : "journeyId",
          journeyKnown
              ? "journey " + r.journeyId() + " has no send action " + r.elementId()
              : "journey " + r.journeyId() + " does not exist or has sent nothing");
    }
    return of;
  }

  private static String source(OutcomeSegmentRequest r, List<String> statuses) {
    String scope =
        r.actionId() != null
            ? "action " + r.actionId()
            : "journey " + r.journeyId() + (r.elementId() == null ? "" : ", node " + r.elementId());
    return "deliveries of "
        + scope
        + " with status "
        + statuses.stream().collect(Collectors.joining(", "))
        + (r.reason() == null ? "" : ", reason starting " + r.reason());
  }

  private static void throwIfAny(List<Violation> v) {
    if (!v.isEmpty()) {
      throw new InvalidInputException("invalid-outcome-segment", "Invalid outcome segment", v);
    }
  }
}
