package io.cairn.engine.journey.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.segment.SegmentGroups;
import io.cairn.engine.segment.SegmentService;
import java.util.List;

/** {@link ComponentLookups} answered by the segment package: its rule parser and its folders. */
final class SegmentLookups implements ComponentLookups {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SegmentService segments;
  private final SegmentGroups groups;

  SegmentLookups(SegmentService segments, SegmentGroups groups) {
    this.segments = segments;
    this.groups = groups;
  }

  @Override
  public List<String> ruleProblems(String entityType, String rule) {
    try {
      segments.checkRule(entityType, JSON.readTree(rule));
      return List.of();
    } catch (JsonProcessingException e) {
      return List.of("is not JSON: " + e.getOriginalMessage());
    } catch (InvalidInputException e) {
      return e.violations().stream().map(v -> v.field() + ": " + v.message()).toList();
    }
  }

  @Override
  public boolean segmentGroupExists(long groupId) {
    try {
      groups.get(groupId);
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }
}
