package io.cairn.engine.segment;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * A segment with what the details page shows.
 *
 * @param segment the segment (its fields appear at the top level of the JSON, as in a list)
 * @param sizeHistory size per refresh, newest first (up to 90)
 * @param usedBy journeys and segments that use it now
 * @param sql for rule segments, the SQL the rule compiles to (before any combine step)
 */
public record SegmentDetails(
    @JsonUnwrapped Segment segment, List<SizeRecord> sizeHistory, List<SegmentUsage.Use> usedBy, String sql) {}
